import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XML0_EDITIONS, XML0_FIELD_NAMES, XML0_QD3176, xml0EditionOn, type Xml0Edition } from './fields.ts';

/**
 * The table of formats.md §4.2 as printed there (# | element | type | Req.),
 * kept apart from fields.ts so that a slip in the data shows up here.
 * "X if …" rows are conditional.
 */
const TABLE_4_2 = `
1 MA_LK V100 X
2 STT N10 X
3 MA_BN V100 X
4 HO_TEN V255 X
5 SO_CCCD V15 -
6 NGAY_SINH V12 X
7 GIOI_TINH N1 X
8 MA_THE_BHYT V50 -
9 MA_DKBD V50 -
10 GT_THE_TU V50 -
11 GT_THE_DEN V50 -
12 MA_DOITUONG_KCB V4 X
13 NGAY_VAO V12 X
14 NGAY_VAO_NOI_TRU V12 -
15 LY_DO_VNT V if
16 MA_LY_DO_VNT V5 -
17 MA_LOAI_KCB V2 X
18 MA_CSKCB V5 X
19 MA_DICH_VU V50 if
20 TEN_DICH_VU V1024 -
21 MA_THUOC V255 -
22 TEN_THUOC V1024 -
23 MA_VAT_TU V255 -
24 TEN_VAT_TU V1024 -
25 NGAY_YL V12 X
26 DU_PHONG V -
`
  .trim()
  .split('\n')
  .map((line) => {
    const [order, name, type, required] = line.split(' ') as [string, string, string, string];
    return { order: Number(order), name, type: type[0], maxLength: type.length > 1 ? Number(type.slice(1)) : null, required };
  });

describe('the XML0 field table (QĐ 4750 as amended by QĐ 3176)', () => {
  it('has every element of formats.md §4.2, in its order, with its type and length', () => {
    assert.deepEqual(
      XML0_QD3176.fields.map(({ order, name, type, maxLength }) => ({ order, name, type, maxLength })),
      TABLE_4_2.map(({ order, name, type, maxLength }) => ({ order, name, type, maxLength })),
    );
    assert.deepEqual([...XML0_FIELD_NAMES], TABLE_4_2.map((row) => row.name));
  });

  it('marks required, optional and conditional elements as the table does', () => {
    const kinds = XML0_QD3176.fields.map((field) => field.required.kind);
    const expected = TABLE_4_2.map((row) => (row.required === 'X' ? 'always' : row.required === '-' ? 'optional' : 'conditional'));
    assert.deepEqual(
      kinds.map((kind) => (kind === 'with' || kind === 'unless-any' ? 'conditional' : kind)),
      expected,
    );
    const field = (name: string) => XML0_QD3176.fields.find((f) => f.name === name)!;
    assert.deepEqual(field('LY_DO_VNT').required, { kind: 'with', field: 'NGAY_VAO_NOI_TRU' });
    assert.deepEqual(field('MA_DICH_VU').required, { kind: 'unless-any', fields: ['MA_THUOC', 'MA_VAT_TU'] });
  });

  it('writes the free-text elements of the samples in CDATA, and codes and dates as plain text', () => {
    const cdata = XML0_QD3176.fields.filter((field) => field.cdata).map((field) => field.name);
    assert.deepEqual(cdata, ['HO_TEN', 'LY_DO_VNT', 'TEN_DICH_VU', 'TEN_THUOC', 'TEN_VAT_TU']);
  });

  it('gives dates and times their formats', () => {
    const formats = Object.fromEntries(XML0_QD3176.fields.map((field) => [field.name, field.format]));
    assert.equal(formats.NGAY_SINH, 'birth-datetime');
    for (const name of ['NGAY_VAO', 'NGAY_VAO_NOI_TRU', 'NGAY_YL']) assert.equal(formats[name], 'datetime', name);
    for (const name of ['GT_THE_TU', 'GT_THE_DEN']) assert.equal(formats[name], 'date', name);
  });

  it('says for every element where its value comes from', () => {
    for (const field of XML0_QD3176.fields) assert.ok(field.source.length > 0, field.name);
  });

  it('picks the edition in force on the visit day, and none before the first', () => {
    assert.equal(xml0EditionOn('2025-01-01'), XML0_QD3176);
    assert.equal(xml0EditionOn('2026-11-23'), XML0_QD3176);
    assert.equal(xml0EditionOn('2024-12-31'), null);
    assert.equal(XML0_EDITIONS.length, 1);
  });

  it('lets a later amendment take over from its first day', () => {
    const amended: Xml0Edition = { ...XML0_QD3176, id: 'next', validFrom: '2027-01-01' };
    const editions = [XML0_QD3176, amended];
    assert.equal(xml0EditionOn('2026-12-31', editions)?.id, 'qd4750-qd3176');
    assert.equal(xml0EditionOn('2027-01-01', editions)?.id, 'next');
  });
});
