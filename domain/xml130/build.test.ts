import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildXml0, type Xml0BuildResult } from './build.ts';
import { checkXml0Values, type Xml0Values } from './check.ts';
import { XML0_FIELD_NAMES, XML0_QD3176 } from './fields.ts';
import { parseXml0, SAMPLE_SOURCE, withSource } from './testing.ts';

/** The synthetic XML0 of formats.md §4.2, with the placeholder service code filled in. */
const SAMPLE_XML = `<?xml version="1.0" encoding="utf-8"?>
<CHI_TIEU_TRANG_THAI_KCB>
  <DSACH_TRANG_THAI_KCB>
    <TRANG_THAI_KCB>
      <MA_LK>01013_2025_01_BN0001234_KB000001</MA_LK>
      <STT>1</STT>
      <MA_BN>BN0001234</MA_BN>
      <HO_TEN><![CDATA[Nguyễn Văn An]]></HO_TEN>
      <SO_CCCD>001090012345</SO_CCCD>
      <NGAY_SINH>199008150000</NGAY_SINH>
      <GIOI_TINH>1</GIOI_TINH>
      <MA_THE_BHYT>DN4010123456789</MA_THE_BHYT>
      <MA_DKBD>01001</MA_DKBD>
      <GT_THE_TU>20250101</GT_THE_TU>
      <GT_THE_DEN>20251231</GT_THE_DEN>
      <MA_DOITUONG_KCB>1.2</MA_DOITUONG_KCB>
      <NGAY_VAO>202501020815</NGAY_VAO>
      <NGAY_VAO_NOI_TRU/>
      <LY_DO_VNT/>
      <MA_LY_DO_VNT/>
      <MA_LOAI_KCB>01</MA_LOAI_KCB>
      <MA_CSKCB>01013</MA_CSKCB>
      <MA_DICH_VU>02.1896</MA_DICH_VU>
      <TEN_DICH_VU><![CDATA[Khám Nội]]></TEN_DICH_VU>
      <MA_THUOC/>
      <TEN_THUOC/>
      <MA_VAT_TU/>
      <TEN_VAT_TU/>
      <NGAY_YL>202501020820</NGAY_YL>
      <DU_PHONG/>
    </TRANG_THAI_KCB>
  </DSACH_TRANG_THAI_KCB>
</CHI_TIEU_TRANG_THAI_KCB>
`;

function built(result: Xml0BuildResult) {
  if (!result.ok) assert.fail(`expected a document, got ${JSON.stringify(result.problems)}`);
  return result.value;
}

function problemsOf(result: Xml0BuildResult) {
  if (result.ok) assert.fail('expected problems, got a document');
  return result.problems.map((problem) => `${problem.field ?? '*'}:${problem.code}`);
}

const valueOf = (xml: string, name: string) => parseXml0(xml).items[0]!.elements.find((element) => element.name === name)!;

describe('buildXml0', () => {
  it('writes the sample visit of formats.md §4.2 exactly as the sample', () => {
    const document = built(buildXml0(SAMPLE_SOURCE));
    assert.equal(document.xml, SAMPLE_XML);
    assert.equal(document.fileName, 'XML0_01013_2025_01_BN0001234_KB000001.xml');
    assert.equal(document.edition, 'qd4750-qd3176');
    assert.deepEqual(document.warnings, []);
  });

  it('emits every element of the table, in order, once, under CHI_TIEU_TRANG_THAI_KCB / DSACH_TRANG_THAI_KCB / TRANG_THAI_KCB', () => {
    const parsed = parseXml0(built(buildXml0(withSource({ visit: { type: 'fee-paying' } }))).xml);
    assert.equal(parsed.root, 'CHI_TIEU_TRANG_THAI_KCB');
    assert.equal(parsed.list, 'DSACH_TRANG_THAI_KCB');
    assert.deepEqual(parsed.items.map((item) => item.name), ['TRANG_THAI_KCB']);
    assert.deepEqual(parsed.items[0]!.elements.map((element) => element.name), [...XML0_FIELD_NAMES]);
  });

  it('puts HO_TEN and TEN_DICH_VU in CDATA and nothing else of the sample', () => {
    const elements = parseXml0(built(buildXml0(SAMPLE_SOURCE)).xml).items[0]!.elements;
    assert.deepEqual(elements.filter((element) => element.cdata).map((element) => element.name), ['HO_TEN', 'TEN_DICH_VU']);
  });

  it('writes Vietnam local time: 23:30 UTC is 06:30 the next day', () => {
    const document = built(buildXml0(withSource({ visit: { arrivedAt: '2025-03-31T23:30:00Z', orderedAt: undefined } })));
    assert.equal(document.values.NGAY_VAO, '202504010630');
    assert.equal(document.values.NGAY_YL, '202504010630', 'NGAY_YL defaults to the check-in time');
  });

  it('writes partial birth dates with 00 for the unknown month and day', () => {
    const ngaySinh = (birthDate: string) => built(buildXml0(withSource({ patient: { birthDate } }))).values.NGAY_SINH;
    assert.equal(ngaySinh('1990'), '199000000000');
    assert.equal(ngaySinh('1990-08'), '199008000000');
    assert.equal(ngaySinh('1990-08-15'), '199008150000');
  });

  it("writes a newborn's birth time, and warns when it is unknown", () => {
    const newborn = { birthDate: '2025-01-01' };
    const timed = built(buildXml0(withSource({ patient: { ...newborn, birthTime: { hour: 22, minute: 5 } } })));
    assert.equal(timed.values.NGAY_SINH, '202501012205');
    assert.deepEqual(timed.warnings, []);
    const untimed = built(buildXml0(withSource({ patient: newborn })));
    assert.equal(untimed.values.NGAY_SINH, '202501010000');
    assert.deepEqual(untimed.warnings.map((w) => w.code), ['birth-time-unknown']);
  });

  it('writes sex as 1, 2 or 3', () => {
    const sex = (value: 'male' | 'female' | 'unspecified') => built(buildXml0(withSource({ patient: { sex: value } }))).values.GIOI_TINH;
    assert.deepEqual([sex('male'), sex('female'), sex('unspecified')], ['1', '2', '3']);
  });

  it('leaves the card elements empty for a visit that is not BHYT, even when a card is known', () => {
    const values = built(buildXml0(withSource({ visit: { type: 'fee-paying' } }))).values;
    assert.deepEqual([values.MA_THE_BHYT, values.MA_DKBD, values.GT_THE_TU, values.GT_THE_DEN], ['', '', '', '']);
    assert.equal(values.MA_DOITUONG_KCB, '9');
  });

  it('leaves GT_THE_DEN empty for an open-ended card', () => {
    const values = built(buildXml0({ ...SAMPLE_SOURCE, card: { ...SAMPLE_SOURCE.card!, validTo: null } })).values;
    assert.equal(values.GT_THE_DEN, '');
  });

  it('chooses the provisional MA_DOITUONG_KCB from the visit', () => {
    const code = (change: Parameters<typeof withSource>[0]) => built(buildXml0(withSource(change))).values.MA_DOITUONG_KCB;
    assert.equal(code({}), '1.2');
    assert.equal(code({ source: { card: { ...SAMPLE_SOURCE.card!, registeredFacility: '01013' } } }), '1.1');
    assert.equal(code({ visit: { document: 'referral' } }), '1.3');
    assert.equal(code({ visit: { document: 'follow-up' } }), '1.5');
    assert.equal(code({ visit: { priorities: ['emergency'], document: 'referral' } }), '2');
    assert.equal(code({ visit: { type: 'on-demand', priorities: ['emergency'] } }), '9');
    assert.equal(code({ visit: { beneficiary: '1.4' } }), '1.4', 'a code set by the clerk or the HIS wins');
  });

  it('writes MA_LOAI_KCB 01 for a reception visit, and refuses a code not yet in force', () => {
    assert.equal(built(buildXml0(SAMPLE_SOURCE)).values.MA_LOAI_KCB, '01');
    assert.deepEqual(problemsOf(buildXml0(withSource({ visit: { treatmentType: '15' } }))), ['MA_LOAI_KCB:not-in-force']);
    const later = withSource({ visit: { treatmentType: '15', arrivedAt: '2026-08-01T01:00:00Z', orderedAt: undefined } });
    assert.equal(built(buildXml0(later)).values.MA_LOAI_KCB, '15');
  });

  it('lists every missing required element instead of throwing', () => {
    const result = buildXml0(
      withSource({
        source: { facilityCode: '', linkKey: '', patientCode: '', card: null },
        patient: { fullName: '  \u0000 ' },
        visit: { service: null },
      }),
    );
    assert.deepEqual(problemsOf(result), ['MA_THE_BHYT:missing', 'MA_LK:missing', 'MA_BN:missing', 'HO_TEN:missing', 'MA_CSKCB:missing', 'MA_DICH_VU:missing']);
    if (!result.ok) assert.ok(result.problems.every((problem) => problem.message.length > 0));
  });

  it('refuses malformed codes and dates with the field they belong to', () => {
    assert.deepEqual(problemsOf(buildXml0(withSource({ source: { facilityCode: '1013' } }))), ['MA_CSKCB:bad-format']);
    assert.deepEqual(problemsOf(buildXml0({ ...SAMPLE_SOURCE, card: { ...SAMPLE_SOURCE.card!, number: '0123456789' } })), ['MA_THE_BHYT:bad-format']);
    assert.deepEqual(problemsOf(buildXml0({ ...SAMPLE_SOURCE, card: { ...SAMPLE_SOURCE.card!, registeredFacility: '79 - 032' } })), ['MA_DKBD:bad-format']);
    assert.deepEqual(problemsOf(buildXml0({ ...SAMPLE_SOURCE, card: { ...SAMPLE_SOURCE.card!, validFrom: '2025-02-30' } })), ['GT_THE_TU:bad-format']);
    assert.deepEqual(problemsOf(buildXml0(withSource({ patient: { idNumber: '12345' } }))), ['SO_CCCD:bad-format']);
    assert.deepEqual(problemsOf(buildXml0(withSource({ patient: { birthDate: '15/08/1990' } }))), ['NGAY_SINH:bad-format']);
    assert.deepEqual(problemsOf(buildXml0(withSource({ visit: { arrivedAt: 'yesterday' } }))), ['NGAY_VAO:bad-format', 'MA_DOITUONG_KCB:missing', 'MA_LOAI_KCB:missing']);
    assert.deepEqual(problemsOf(buildXml0(withSource({ source: { linkKey: 'BN 01/2025' } }))), ['MA_LK:bad-format']);
    assert.deepEqual(problemsOf(buildXml0(withSource({ source: { sequence: 0 } }))), ['STT:bad-format']);
  });

  it('refuses a card that ends before it starts', () => {
    const result = buildXml0({ ...SAMPLE_SOURCE, card: { ...SAMPLE_SOURCE.card!, validFrom: '2025-06-01', validTo: '2025-01-31' } });
    assert.deepEqual(problemsOf(result), ['GT_THE_DEN:inconsistent']);
  });

  it('warns when the card is not valid on the visit day, and for a cancelled visit', () => {
    const expired = built(buildXml0({ ...SAMPLE_SOURCE, card: { ...SAMPLE_SOURCE.card!, validTo: '2024-12-31', validFrom: '2024-01-01' } }));
    assert.deepEqual(expired.warnings.map((w) => w.code), ['card-not-valid-on-visit-day']);
    const cancelled = built(buildXml0(withSource({ visit: { status: 'cancelled' } })));
    assert.deepEqual(cancelled.warnings.map((w) => w.code), ['visit-cancelled']);
  });

  it('never cuts a value that is too long: it says so', () => {
    const name = 'Nguyễn '.repeat(40).trim();
    assert.deepEqual(problemsOf(buildXml0(withSource({ patient: { fullName: name } }))), ['HO_TEN:too-long']);
    const exactly255 = 'Ữ'.repeat(255);
    assert.equal(built(buildXml0(withSource({ patient: { fullName: exactly255 } }))).values.HO_TEN, exactly255, 'characters count, not bytes');
  });

  it('still lists every other problem when the check-in time is not a time', () => {
    const result = buildXml0(withSource({ source: { facilityCode: '' }, visit: { arrivedAt: 'yesterday', orderedAt: undefined } }));
    assert.deepEqual(problemsOf(result), ['NGAY_VAO:bad-format', 'MA_DOITUONG_KCB:missing', 'MA_LOAI_KCB:missing', 'MA_CSKCB:missing', 'NGAY_YL:missing']);
  });

  it('has no edition for a visit before QĐ 3176 applied', () => {
    assert.deepEqual(problemsOf(buildXml0(withSource({ visit: { arrivedAt: '2024-12-31T03:00:00Z', orderedAt: undefined } }))), ['*:no-edition']);
  });

  it('keeps problem messages free of the values they are about', () => {
    const result = buildXml0(withSource({ patient: { idNumber: '99999', fullName: 'Lê Thị Bí Mật' } }));
    if (result.ok) assert.fail('expected problems');
    assert.ok(result.problems.every((problem) => !problem.message.includes('99999') && !problem.message.includes('Bí Mật')));
  });
});

describe('hostile text', () => {
  it('keeps "]]>" as text without breaking out of the element', () => {
    const hostile = 'An]]><MA_CSKCB>99999</MA_CSKCB><![CDATA[';
    const document = built(buildXml0(withSource({ patient: { fullName: hostile } })));
    const parsed = parseXml0(document.xml);
    assert.equal(valueOf(document.xml, 'HO_TEN').value, hostile);
    assert.deepEqual(parsed.items[0]!.elements.map((element) => element.name), [...XML0_FIELD_NAMES]);
    assert.equal(valueOf(document.xml, 'MA_CSKCB').value, '01013');
  });

  it('escapes markup characters in CDATA-less text and keeps them in CDATA text', () => {
    const name = 'Trần <b>An</b> & "Bình" \'Chi\'';
    const service = 'Khám <Nội> & Ngoại';
    const document = built(buildXml0(withSource({ patient: { fullName: name }, visit: { service: { code: '02.1896', name: service } } })));
    assert.equal(valueOf(document.xml, 'HO_TEN').value, name);
    assert.equal(valueOf(document.xml, 'TEN_DICH_VU').value, service);
    assert.ok(!document.xml.includes('<b>') || document.xml.includes('<![CDATA[Trần <b>An</b>'), 'markup only inside CDATA');
  });

  it('removes control characters, lone surrogates and invisible marks, and says so', () => {
    const document = built(buildXml0(withSource({ patient: { fullName: 'Ng\u0000uy\u0007ễn\u200B Văn\uD800 An\u0085' } })));
    assert.equal(document.values.HO_TEN, 'Nguyễn Văn An');
    assert.deepEqual(document.warnings.map((w) => `${w.field}:${w.code}`), ['HO_TEN:text-cleaned']);
    assert.doesNotThrow(() => parseXml0(document.xml));
  });

  it('composes a diacritic that an invisible character kept from its letter', () => {
    const document = built(buildXml0(withSource({ patient: { fullName: 'Thi\u200B\u0323 Nu\u0000\u031B\u0303' } })));
    assert.equal(document.values.HO_TEN, 'Thị Nữ');
  });

  it('writes NFC text and folds whitespace, tabs and line breaks', () => {
    const decomposed = 'Nguye\u0302\u0303n  Thi\u0323\tNu\u031B\u0303\r\n'.normalize('NFD');
    const document = built(buildXml0(withSource({ patient: { fullName: decomposed } })));
    assert.equal(document.values.HO_TEN, 'Nguyễn Thị Nữ');
    assert.equal(valueOf(document.xml, 'HO_TEN').value, 'Nguyễn Thị Nữ');
    assert.ok(document.xml.includes('Nguyễn Thị Nữ'), 'precomposed in the file');
    assert.deepEqual(document.warnings, [], 'normalising is not a removal');
  });
});

describe('checkXml0Values', () => {
  const sample = (): Record<string, string> => ({ ...built(buildXml0(SAMPLE_SOURCE)).values });
  const codes = (values: Record<string, string>) =>
    checkXml0Values(values as Xml0Values, XML0_QD3176).map((problem) => `${problem.field}:${problem.code}`);

  it('requires LY_DO_VNT once NGAY_VAO_NOI_TRU is set, and admission no earlier than arrival', () => {
    assert.deepEqual(codes({ ...sample(), NGAY_VAO_NOI_TRU: '202501021000' }), ['LY_DO_VNT:missing']);
    assert.deepEqual(codes({ ...sample(), NGAY_VAO_NOI_TRU: '202501021000', LY_DO_VNT: 'Theo dõi' }), []);
    assert.deepEqual(codes({ ...sample(), NGAY_VAO_NOI_TRU: '202501020700', LY_DO_VNT: 'Theo dõi' }), ['NGAY_VAO_NOI_TRU:inconsistent']);
  });

  it('needs MA_DICH_VU unless the first cost is a drug or a material', () => {
    assert.deepEqual(codes({ ...sample(), MA_DICH_VU: '' }), ['MA_DICH_VU:missing']);
    assert.deepEqual(codes({ ...sample(), MA_DICH_VU: '', MA_THUOC: '00.0000' }), []);
    assert.deepEqual(codes({ ...sample(), MA_DICH_VU: '', MA_VAT_TU: 'N07.01.010' }), []);
  });

  it('checks date and time values for real calendar dates', () => {
    assert.deepEqual(codes({ ...sample(), NGAY_YL: '202502300820' }), ['NGAY_YL:bad-format']);
    assert.deepEqual(codes({ ...sample(), NGAY_YL: '202501022460' }), ['NGAY_YL:bad-format']);
    assert.deepEqual(codes({ ...sample(), NGAY_SINH: '199000150000' }), ['NGAY_SINH:bad-format'], 'a day without a month');
    assert.deepEqual(codes({ ...sample(), NGAY_SINH: '199008000830' }), ['NGAY_SINH:bad-format'], 'a time without a day');
    assert.deepEqual(codes({ ...sample(), GT_THE_TU: '2025-01-01' }), ['GT_THE_TU:bad-format']);
  });

  it('accepts only the sex codes 1–3, a passport number as SO_CCCD, and a code of the list in MA_DOITUONG_KCB', () => {
    assert.deepEqual(codes({ ...sample(), GIOI_TINH: '0' }), ['GIOI_TINH:bad-format']);
    assert.deepEqual(codes({ ...sample(), SO_CCCD: 'B1234567' }), []);
    assert.deepEqual(codes({ ...sample(), SO_CCCD: '123456789' }), []);
    assert.deepEqual(codes({ ...sample(), MA_DOITUONG_KCB: '1.6' }), ['MA_DOITUONG_KCB:not-in-force']);
  });
});
