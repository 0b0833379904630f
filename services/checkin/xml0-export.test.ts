import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { createAuditLog } from '../../db/audit.ts';
import { createCheckinStore } from '../../db/checkin-store.ts';
import { createInsuranceCheckRepository, type InsuranceCheckRecord } from '../../db/insurance-checks.ts';
import type { VisitRecord } from '../../db/visits.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import { requiresAdmin } from '../../domain/admin-api.ts';
import { methods } from '../../domain/api.ts';
import type { Clinic } from '../../domain/checkin/index.ts';
import { makePartialDate } from '../../domain/identity/index.ts';
import { interpretCardCheck } from '../../domain/insurance/check-result.ts';
import { firstAttempt } from '../../domain/insurance/lookup-plan.ts';
import type { CardCheckReply } from '../../domain/insurance/wire.ts';
import type { PatientSaveResult } from '../../domain/patient.ts';
import type { VisitCreateResult } from '../../domain/visit-api.ts';
import type { VisitExportXml0Result, Xml0IncompleteDetail } from '../../domain/xml130-api.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp, type App } from '../app.ts';
import { cardFromInsuranceChecks, createXml0ExportService, localLinkKey, localPatientCode } from './xml0-export.ts';

const AN = { fullName: 'Nguyễn Văn An', birthDate: '1990-08', sex: 'female', cccd: '001190012345' };
/** A synthetic gateway answer: the card is valid and registered at 01001. */
const GATEWAY_REPLY: CardCheckReply = {
  maKetQua: '000',
  ghiChu: '',
  maThe: 'DN4010123456789',
  hoTen: 'Nguyễn Văn An',
  ngaySinh: '08/1990',
  gioiTinh: 'Nữ',
  diaChi: '',
  maDKBD: '01001',
  gtTheTu: '01/01/2026',
  gtTheDen: '31/12/2099',
  maKV: '',
  ngayDu5Nam: '',
  maSoBHXH: '0123456789',
  maTheMoi: '',
};
const CLINIC = { id: 'K01', name: 'Phòng khám Nội', room: null, serviceCode: '02.1896', visitTypes: ['bhyt', 'fee-paying'] };

async function checkIn(app: App, visitType: 'bhyt' | 'fee-paying', extra: object = {}) {
  const saved = await app.router.dispatch('patients.save', AN);
  assert.ok(saved.ok, JSON.stringify(saved));
  const patientId = (saved.value as PatientSaveResult).patient.id;
  const created = await app.router.dispatch('visits.create', { patientId, visitType, clinicId: 'K01', ...extra });
  assert.ok(created.ok, JSON.stringify(created));
  return (created.value as VisitCreateResult).visit;
}

const errorOf = (result: Awaited<ReturnType<App['router']['dispatch']>>) => (result.ok ? null : result.error);

describe('visits.exportXml0', () => {
  it('exports the XML0 record of a visit and audits the export without personal data', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'A', user: 'lan' });
    assert.ok((await app.router.dispatch('settings.clinics.set', [CLINIC])).ok);
    const facility = await app.router.dispatch('settings.facility.set', { code: ' 01a13 ' });
    assert.deepEqual(facility.ok && facility.value, { code: '01A13' }, 'trimmed and upper-cased');
    const visit = await checkIn(app, 'fee-paying', { priorities: ['emergency'] });

    const exported = await app.router.dispatch('visits.exportXml0', { visitId: visit.id });
    assert.ok(exported.ok, JSON.stringify(exported));
    const { fileName, xml, edition, warnings } = exported.value as VisitExportXml0Result;
    const linkKey = `01A13_${visit.day.slice(0, 4)}_${visit.day.slice(5, 7)}_A_${visit.id}`;
    assert.equal(fileName, `XML0_${linkKey}.xml`);
    assert.equal(edition, 'qd4750-qd3176');
    assert.deepEqual(warnings, []);

    const record = new XMLParser({ parseTagValue: false }).parse(xml).CHI_TIEU_TRANG_THAI_KCB.DSACH_TRANG_THAI_KCB.TRANG_THAI_KCB;
    assert.equal(record.MA_LK, linkKey);
    assert.equal(record.MA_BN, `A_BN${visit.patientId}`);
    assert.equal(record.HO_TEN, 'Nguyễn Văn An');
    assert.equal(record.SO_CCCD, '001190012345');
    assert.equal(record.NGAY_SINH, '199008000000');
    assert.equal(record.GIOI_TINH, '2');
    assert.equal(record.MA_THE_BHYT, '');
    assert.equal(record.MA_DOITUONG_KCB, '9', 'a fee-paying visit, emergency or not');
    assert.equal(record.MA_LOAI_KCB, '01');
    assert.equal(record.MA_CSKCB, '01A13');
    assert.equal(record.MA_DICH_VU, '02.1896');
    const vietnam = new Date(Date.parse(visit.createdAt) + 7 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 12);
    assert.equal(record.NGAY_VAO, vietnam);
    assert.equal(record.NGAY_YL, vietnam);
    await app.close();

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    const entries = createAuditLog(db.db).query({ limit: 100 });
    db.close();
    const exports = entries.filter((entry) => entry.action === 'visit.exportXml0');
    assert.equal(exports.length, 1);
    assert.deepEqual(
      { desk: exports[0]!.desk, user: exports[0]!.user, patientId: exports[0]!.patientId, detail: exports[0]!.detail },
      { desk: 'A', user: 'lan', patientId: visit.patientId, detail: { visitId: visit.id, edition: 'qd4750-qd3176', warnings: 0 } },
    );
    assert.ok(Number.isFinite(Date.parse(exports[0]!.at)));
    assert.doesNotMatch(JSON.stringify(exports), /Nguyễn|001190012345|1990/, 'no personal data in the audit line');
  });

  it('lists what is missing instead of writing an incomplete record, and audits no export', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'B' });
    assert.ok((await app.router.dispatch('settings.clinics.set', [{ ...CLINIC, serviceCode: null }])).ok);
    const visit = await checkIn(app, 'bhyt');

    const error = errorOf(await app.router.dispatch('visits.exportXml0', { visitId: visit.id }));
    assert.equal(error?.code, 'XML0_INCOMPLETE');
    const detail = error?.detail as Xml0IncompleteDetail;
    assert.deepEqual(
      detail.problems.map((problem) => `${problem.field}:${problem.code}`),
      ['MA_THE_BHYT:missing', 'MA_CSKCB:missing', 'MA_DICH_VU:missing'],
    );
    assert.doesNotMatch(JSON.stringify(error), /Nguyễn|001190012345/, 'the error names fields, not values');

    assert.equal(errorOf(await app.router.dispatch('visits.exportXml0', { visitId: 999 }))?.code, 'VISIT_NOT_FOUND');
    assert.equal(errorOf(await app.router.dispatch('visits.exportXml0', { visitId: 'x' }))?.code, 'BAD_INPUT');
    await app.close();

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    const entries = createAuditLog(db.db).query({ limit: 100 });
    db.close();
    assert.equal(entries.filter((entry) => entry.action === 'visit.exportXml0').length, 0);
  });

  it('marks a referral visit 1.3 once the card is known, and warns when the card was not valid that day', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'C' });
    assert.ok((await app.router.dispatch('settings.clinics.set', [CLINIC])).ok);
    const visit = await checkIn(app, 'bhyt', { referralNumber: 'CV-12' });
    await app.close();

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    try {
      const card = { number: 'DN4010123456789', registeredFacility: '01001', validFrom: '2025-01-01', validTo: '2025-12-31' };
      const service = createXml0ExportService({
        store: createCheckinStore(db.db),
        desk: 'C',
        user: () => 'lan',
        clinics: () => [CLINIC as Clinic],
        facility: () => ({ code: '01013' }),
        cardFor: (record, patient) => (record.id === visit.id && patient.id === visit.patientId ? card : null),
      });
      const { xml, warnings } = service.exportXml0({ visitId: visit.id });
      const record = new XMLParser({ parseTagValue: false }).parse(xml).CHI_TIEU_TRANG_THAI_KCB.DSACH_TRANG_THAI_KCB.TRANG_THAI_KCB;
      assert.deepEqual([record.MA_THE_BHYT, record.MA_DKBD, record.GT_THE_TU, record.GT_THE_DEN], ['DN4010123456789', '01001', '20250101', '20251231']);
      assert.equal(record.MA_DOITUONG_KCB, '1.3');
      assert.deepEqual(warnings.map((warning) => warning.code), visit.day <= '2025-12-31' ? [] : ['card-not-valid-on-visit-day']);
      const closed = createXml0ExportService({ store: undefined, desk: 'C', user: () => 'lan', clinics: () => [], facility: () => ({ code: null }) });
      assert.throws(() => closed.exportXml0({ visitId: visit.id }), { code: 'DB_NOT_READY' });
    } finally {
      db.close();
    }
  });

  it("takes a BHYT visit's card from the gateway check stored for it", async () => {
    using dir = makeTempDir();
    const config = { dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'E' } as const;
    let app = await createApp(config);
    assert.ok((await app.router.dispatch('settings.clinics.set', [CLINIC])).ok);
    assert.ok((await app.router.dispatch('settings.facility.set', { code: '01001' })).ok);
    const visit = await checkIn(app, 'bhyt');
    await app.close();

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    const checks = createInsuranceCheckRepository(db.db);
    const check = checks.create({ patientId: visit.patientId, visitId: visit.id, request: {}, leaseMs: 60_000 });
    const attempt = firstAttempt({ cardCode: 'DN4010123456789', fullName: AN.fullName, birthDate: makePartialDate({ year: 1990, month: 8 })! })!;
    const result = interpretCardCheck({ reply: GATEWAY_REPLY, attempt, lookups: 1, exemption: null, checkedAt: new Date().toISOString() });
    checks.complete(check.id, { status: 'done', code: result.code, outcome: result.outcome, strategy: result.strategy, result });
    db.close();

    app = await createApp(config);
    const exported = await app.router.dispatch('visits.exportXml0', { visitId: visit.id });
    await app.close();
    assert.ok(exported.ok, JSON.stringify(exported));
    const record = new XMLParser({ parseTagValue: false }).parse((exported.value as VisitExportXml0Result).xml).CHI_TIEU_TRANG_THAI_KCB.DSACH_TRANG_THAI_KCB
      .TRANG_THAI_KCB;
    assert.deepEqual([record.MA_THE_BHYT, record.MA_DKBD, record.GT_THE_TU, record.GT_THE_DEN], ['DN4010123456789', '01001', '20260101', '20991231']);
    assert.equal(record.MA_DOITUONG_KCB, '1.1', 'registered at this facility');
  });

  it("uses the patient's check of the visit day when none was made for the visit", () => {
    const stored = (createdAt: string) => ({ createdAt, result: interpretCardCheck({ reply: GATEWAY_REPLY, attempt: firstAttempt({ cardCode: 'DN4010123456789', fullName: 'A', birthDate: makePartialDate({ year: 1990 })! })!, lookups: 1, exemption: null, checkedAt: createdAt }) });
    const visit = { id: 5, patientId: 9, day: '2026-03-02' } as VisitRecord;
    const cardFor = (forPatient: ReturnType<typeof stored> | undefined) =>
      cardFromInsuranceChecks({
        latestForVisit: () => undefined,
        latestForPatient: (patientId) => (patientId === 9 ? (forPatient as InsuranceCheckRecord | undefined) : undefined),
      })(visit);
    assert.equal(cardFor(stored('2026-03-01T17:30:00.000Z'))?.number, 'DN4010123456789', '00:30 on 2 March in Vietnam');
    assert.equal(cardFor(stored('2026-03-01T16:30:00.000Z')), null, 'the day before in Vietnam');
    assert.equal(cardFor(undefined), null);
  });

  it('stores only well-formed facility codes', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'D' });
    assert.deepEqual(await app.router.dispatch('settings.facility.get', {}), { ok: true, value: { code: null } });
    for (const code of ['1013', '01 013', '010133', 'Ơ1013']) {
      assert.equal(errorOf(await app.router.dispatch('settings.facility.set', { code }))?.code, 'BAD_INPUT', code);
    }
    assert.ok((await app.router.dispatch('settings.facility.set', { code: null })).ok);
    await app.close();
  });

  it('is an IT action behind the admin PIN, like the settings', () => {
    assert.ok(requiresAdmin('visits.exportXml0', methods['visits.exportXml0']));
    assert.ok(requiresAdmin('settings.facility.set', methods['settings.facility.set']));
    assert.ok(!requiresAdmin('settings.facility.get', methods['settings.facility.get']));
  });

  it('builds provisional MA_LK and MA_BN from the desk and the local ids', () => {
    assert.equal(localLinkKey('01013', { id: 42, day: '2026-03-02', desk: 'quay-2' }), '01013_2026_03_quay-2_42');
    assert.equal(localPatientCode('quay-2', 7), 'quay-2_BN7');
  });
});
