import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatewayName, hasDiacritics, withoutDiacritics } from './names.ts';

describe('names sent to the gateway', () => {
  it('as given: NFC with single spaces, decomposed input recomposed', () => {
    const decomposed = 'Nguye\u0302\u0303n  Va\u0306n   An '.normalize('NFD');
    assert.equal(gatewayName(decomposed, 'as-given'), 'Nguyễn Văn An');
    assert.equal(gatewayName(decomposed, 'as-given'), gatewayName(decomposed, 'as-given').normalize('NFC'));
  });

  it('without diacritics: marks dropped, đ and Đ to d and D, case kept', () => {
    assert.equal(gatewayName('Đỗ Thị Hường', 'without-diacritics'), 'Do Thi Huong');
    assert.equal(withoutDiacritics('PHẠM QUỐC ĐẠT'), 'PHAM QUOC DAT');
    assert.equal(withoutDiacritics('Nguyễn Văn An'.normalize('NFD')), 'Nguyen Van An');
  });

  it('knows whether a name has marks to drop', () => {
    assert.equal(hasDiacritics('Nguyễn Văn An'), true);
    assert.equal(hasDiacritics('Đinh La'), true);
    assert.equal(hasDiacritics('Nguyen Van An'), false);
  });
});
