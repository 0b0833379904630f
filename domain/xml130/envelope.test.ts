import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildXml0 } from './build.ts';
import { buildSubmission, utf8Base64 } from './envelope.ts';
import { SAMPLE_SOURCE } from './testing.ts';

const decodeBase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

describe('utf8Base64', () => {
  it('encodes the UTF-8 bytes of Vietnamese text as Buffer does', () => {
    assert.equal(utf8Base64('Nguyễn Văn An'), Buffer.from('Nguyễn Văn An', 'utf8').toString('base64'));
    assert.equal(utf8Base64(''), '');
  });

  it('round-trips any text, long ones included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        assert.equal(decodeBase64(utf8Base64(text)), text);
      }),
      { seed: 7, numRuns: 200 },
    );
    const long = 'Khám Nội '.repeat(20_000);
    assert.equal(decodeBase64(utf8Base64(long)), long);
  });
});

describe('buildSubmission (GIAMDINHHS)', () => {
  const xml0 = (() => {
    const result = buildXml0(SAMPLE_SOURCE);
    assert.ok(result.ok);
    return result.value.xml;
  })();

  it('wraps each visit file as base64 under the facility, the day and the count of records', () => {
    const result = buildSubmission({ facilityCode: '01013', createdOn: '2025-01-02', records: [[{ type: 'XML0', xml: xml0 }]] });
    assert.ok(result.ok);
    assert.equal(XMLValidator.validate(result.xml), true);
    const parsed = new XMLParser({ parseTagValue: false, ignoreDeclaration: true }).parse(result.xml);
    assert.deepEqual(Object.keys(parsed.GIAMDINHHS), ['THONGTINDONVI', 'THONGTINHOSO']);
    assert.equal(parsed.GIAMDINHHS.THONGTINDONVI.MACSKCB, '01013');
    const info = parsed.GIAMDINHHS.THONGTINHOSO;
    assert.deepEqual(Object.keys(info), ['NGAYLAP', 'SOLUONGHOSO', 'DANHSACHHOSO']);
    assert.equal(info.NGAYLAP, '20250102');
    assert.equal(info.SOLUONGHOSO, '1');
    const file = info.DANHSACHHOSO.HOSO.FILEHOSO;
    assert.equal(file.LOAIHOSO, 'XML0');
    assert.equal(decodeBase64(file.NOIDUNGFILE), xml0);
  });

  it('keeps the order of records and files', () => {
    const result = buildSubmission({
      facilityCode: '01013',
      createdOn: '2025-01-02',
      records: [
        [
          { type: 'XML1', xml: '<TONG_HOP/>' },
          { type: 'XML2', xml: '<CHI_TIEU_CHI_TIET_THUOC/>' },
        ],
        [{ type: 'XML0', xml: xml0 }],
      ],
    });
    assert.ok(result.ok);
    const parsed = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'HOSO' || name === 'FILEHOSO' }).parse(result.xml);
    const records = parsed.GIAMDINHHS.THONGTINHOSO.DANHSACHHOSO.HOSO as { FILEHOSO: { LOAIHOSO: string; NOIDUNGFILE: string }[] }[];
    assert.equal(parsed.GIAMDINHHS.THONGTINHOSO.SOLUONGHOSO, '2');
    assert.deepEqual(records.map((record) => record.FILEHOSO.map((file) => file.LOAIHOSO)), [['XML1', 'XML2'], ['XML0']]);
    assert.equal(decodeBase64(records[0]!.FILEHOSO[1]!.NOIDUNGFILE), '<CHI_TIEU_CHI_TIET_THUOC/>');
  });

  it('refuses a bad facility code, a bad day, no records, an empty record and a file type given twice', () => {
    const result = buildSubmission({
      facilityCode: '1013',
      createdOn: '2025-02-30',
      records: [[], [{ type: 'XML0', xml: xml0 }, { type: 'XML0', xml: xml0 }]],
    });
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 4);
    const empty = buildSubmission({ facilityCode: '01013', createdOn: '2025-01-02', records: [] });
    assert.ok(!empty.ok);
  });
});
