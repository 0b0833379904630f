import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanTextDecoder, supportedScannerEncodings, UnsupportedEncodingError } from './text-decoding.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('ScanTextDecoder', () => {
  it('decodes UTF-8 by default', () => {
    assert.deepEqual(new ScanTextDecoder().decode(utf8('Nguyễn Văn An')), { text: 'Nguyễn Văn An', malformed: false });
  });

  it('drops a leading BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Hà Nội')]);
    assert.equal(new ScanTextDecoder().decode(bytes).text, 'Hà Nội');
  });

  it('normalises decomposed text to NFC', () => {
    const decomposed = 'Nguyễn'.normalize('NFD');
    assert.notEqual(decomposed, 'Nguyễn');
    assert.equal(new ScanTextDecoder().decode(utf8(decomposed)).text, 'Nguyễn');
  });

  it('reports invalid UTF-8 and replaces the bad sequence instead of throwing', () => {
    const bytes = Uint8Array.from([...utf8('Ng'), 0xe1, 0xbb, ...utf8('n')]); // "ễ" missing its last byte
    const decoded = new ScanTextDecoder().decode(bytes);
    assert.equal(decoded.malformed, true);
    assert.equal(decoded.text, 'Ng\uFFFDn');
  });

  it('decodes windows-1258, joining base letters and combining tone marks', { skip: !supportedScannerEncodings().includes('windows-1258') }, () => {
    // "Nguyễn Văn An" in windows-1258: ê (0xEA) then a combining tilde (0xDE); ă is 0xE3.
    const bytes = Uint8Array.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, 0x20, 0x56, 0xe3, 0x6e, 0x20, 0x41, 0x6e]);
    assert.deepEqual(new ScanTextDecoder('windows-1258').decode(bytes), { text: 'Nguyễn Văn An', malformed: false });
  });

  it('decodes latin1 as windows-1252', () => {
    assert.equal(new ScanTextDecoder('latin1').decode(Uint8Array.from([0x4c, 0xe1, 0x6e, 0x67, 0x80])).text, 'Láng€');
  });

  it('lists UTF-8 among the supported encodings', () => {
    assert.ok(supportedScannerEncodings().includes('utf-8'));
  });

  it('names an unsupported encoding in a typed error', () => {
    assert.throws(() => new ScanTextDecoder('x-unknown' as 'utf-8'), UnsupportedEncodingError);
  });
});
