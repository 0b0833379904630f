/** Names mangled by a Vietnamese input method or a wrong keyboard layout are caught; real names are not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { garbleSign, looksGarbledByInputMethod, scanLooksGarbledByInputMethod } from '../../../renderer/src/scan/ime-garble.ts';

describe('input-method garble detection', () => {
  it('passes real names, with or without diacritics', () => {
    for (const name of [
      'Nguyễn Văn An',
      'Trần Thị Bích',
      'NGUYỄN VĂN AN',
      'Nguyen Van An',
      'Hoàng Quốc Việt',
      'Lê Thị Ngọc Hương',
      'Đoàn Minh Triết',
      'Phạm Khánh Linh',
      'Võ Thị Sáu',
      'Doãn Quốc Khánh',
      'Huỳnh Như',
      'Dương Thị Oanh',
    ]) {
      assert.equal(garbleSign(name), undefined, name);
    }
  });

  it('flags raw Telex keys', () => {
    assert.equal(garbleSign('Nguyeenx Vawn An'), 'telex-doubled');
    assert.equal(garbleSign('Traanf Thij Bichs'), 'telex-doubled');
    assert.equal(garbleSign('Nguyen Vawn An'), 'telex-w');
    assert.equal(garbleSign('Le Thij Hoa'), 'not-a-syllable');
    assert.equal(garbleSign('Nguyễnx Văn An'), 'not-a-syllable', 'a stray tone key after a composed word');
    assert.equal(garbleSign('Ddoan Minh'), 'telex-doubled');
  });

  it('flags VNI digits and lost letters', () => {
    assert.equal(garbleSign('Nguye6n4 Va8n An'), 'vni-digits');
    assert.equal(garbleSign('Nguy?n V?n An'), 'replacement');
    assert.equal(garbleSign('Nguy\uFFFDn'), 'replacement');
    assert.equal(looksGarbledByInputMethod('Tr?n'), true);
    assert.equal(looksGarbledByInputMethod('Trần'), false);
  });
});

describe('input-method garble detection on a whole scan', () => {
  it('checks the name-like fields of a CCCD code and ignores numbers, dates, hex and addresses', () => {
    assert.equal(scanLooksGarbledByInputMethod('001090012345|123456789|Nguyễn Văn An|15081990|Nam|Số 1 Phố Huế, Hà Nội|20122021'), false);
    assert.equal(scanLooksGarbledByInputMethod('001090012345||Nguyen Van An|15081990|Nam|So 1 Pho Hue, Ha Noi|20122021'), false);
    assert.equal(scanLooksGarbledByInputMethod('001090012345||Nguyeenx Vawn An|15081990|Nam|Soos 1, Haf Nooij|20122021'), true);
    assert.equal(scanLooksGarbledByInputMethod('001090012345||Nguye6n4 Va8n An|15081990|Nam|Ha Noi|20122021'), true);
    assert.equal(
      scanLooksGarbledByInputMethod('0123456789|4e677579e1bb856e2056c4836e20416e|15/08/1990|1|-|01 - 001|01/01/2025|-|20/12/2024|01010123456789|-|4| 01/01/2030|0000000000000000-0000|4|5068|$'),
      false,
    );
  });
});
