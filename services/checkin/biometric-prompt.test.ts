/**
 * The identity check and the ticket through the API: the policy per visit
 * type from the desk settings, the chip photo of the patient's last chip read,
 * the test automation service, printing and today's search, each audited.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAuditLog } from '../../db/audit.ts';
import { createCheckinStore } from '../../db/checkin-store.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import type { CardReadResult } from '../../domain/card.ts';
import type { PatientSaveResult } from '../../domain/patient.ts';
import { AUTOMATION_USER, type BiometricPrompt, type DeskSettings, type VisitCreateResult, type VisitsTodayResult } from '../../domain/visit-api.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp, type AppConfig } from '../app.ts';

const AN = { fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male', cccd: '001090012345', bhxhNumber: '0190012345' };
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/6XH3NQAAAABJRU5ErkJggg==';

function chipRead(idNumber: string): CardReadResult {
  return {
    reader: 'ACS 0',
    atr: '3B88',
    access: { protocol: 'PACE-CAN', cardAccessSource: 'card' },
    holder: { idNumber, fullName: 'Nguyễn Văn An' },
    otherFields: {},
    photo: { dataUrl: `data:image/png;base64,${PNG_1PX}`, sourceFormat: 'jpeg2000', sourceBytes: 70 },
    verification: { passive: { status: 'valid', detail: 'ok' }, active: { status: 'passed' }, chip: { status: 'not-run' } },
    warnings: [],
    timing: { totalMs: 1, apdus: 1, files: [] },
  };
}

async function startWith(config: Partial<AppConfig>, dir: string) {
  const app = await createApp({ dataDir: dir, mode: 'headless', deviceHost: false, desk: 'A', user: 'lan', ...config });
  const saved = await app.router.dispatch('patients.save', AN);
  assert.ok(saved.ok, JSON.stringify(saved));
  const patientId = (saved.value as PatientSaveResult).patient.id;
  const visit = async (visitType: string, extra: object = {}) => {
    const created = await app.router.dispatch('visits.create', { patientId, visitType, clinicId: 'K01', ...extra });
    assert.ok(created.ok, JSON.stringify(created));
    return (created.value as VisitCreateResult).visit;
  };
  return { app, patientId, visit };
}

describe('identity check, ticket printing and today’s search', () => {
  it('follows the desk policy, shows the latest chip photo, and audits the prompt and the print', async () => {
    using dir = makeTempDir();
    const { app, visit } = await startWith({}, dir.path);
    const bhyt = await visit('bhyt', { identifiedBy: 'qr', appointmentNumber: 'HEN-0042' });
    assert.equal(bhyt.appointmentNumber, 'HEN-0042');

    let prompt = await app.router.dispatch('visits.biometricPrompt', { visitId: bhyt.id });
    assert.ok(prompt.ok, JSON.stringify(prompt));
    assert.deepEqual(prompt.value, { visitId: bhyt.id, requirement: 'required', photo: null, decision: null, exemption: null }, 'no chip read yet: no photo');

    app.events.emit('card.result', { reader: 'ACS 0', ok: true, result: chipRead(AN.cccd) });
    prompt = await app.router.dispatch('visits.biometricPrompt', { visitId: bhyt.id });
    assert.ok(prompt.ok);
    const shown = prompt.value as BiometricPrompt;
    assert.equal(shown.photo?.mime, 'image/png');
    assert.equal(shown.photo?.base64, PNG_1PX);
    assert.equal(shown.photo?.verification, 'valid');
    assert.equal(shown.decision, null, 'without automation nobody decides for the clerk');

    const policy: DeskSettings = {
      hospitalName: 'Bệnh viện Đa khoa Tỉnh',
      autoPrint: false,
      printerName: 'TM-T82',
      biometricPolicy: { bhyt: 'optional', 'fee-paying': 'off', 'on-demand': 'required' },
      biometricExemptUnderYears: 6,
      idleSignOutMinutes: 15,
    };
    const stored = await app.router.dispatch('settings.desk.set', policy);
    assert.ok(stored.ok, JSON.stringify(stored));
    const feePaying = await visit('fee-paying');
    const offPrompt = await app.router.dispatch('visits.biometricPrompt', { visitId: feePaying.id });
    assert.equal(offPrompt.ok && (offPrompt.value as BiometricPrompt).requirement, 'off');
    const created = await app.router.dispatch('visits.create', { patientId: bhyt.patientId, visitType: 'on-demand', clinicId: 'K01' });
    assert.ok(created.ok);
    const ticketTexts = (created.value as VisitCreateResult).ticket.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    assert.ok(ticketTexts.includes('Bệnh viện Đa khoa Tỉnh'), 'the ticket is headed by the hospital named in the settings');

    const printed = await app.router.dispatch('visits.ticketPrinted', { visitId: bhyt.id, via: 'dialog' });
    assert.ok(printed.ok, JSON.stringify(printed));
    const missing = await app.router.dispatch('visits.ticketPrinted', { visitId: 9999, via: 'silent' });
    assert.equal(missing.ok ? 'ok' : missing.error.code, 'VISIT_NOT_FOUND');
    const badPolicy = await app.router.dispatch('settings.desk.set', { ...policy, biometricPolicy: { bhyt: 'sometimes' } });
    assert.equal(badPolicy.ok ? 'ok' : badPolicy.error.code, 'BAD_INPUT');
    await app.close();

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    const entries = createAuditLog(db.db).query({ limit: 100 }).reverse();
    const reads = createCheckinStore(db.db).identityReads.forPatient(bhyt.patientId);
    db.close();
    assert.deepEqual(reads.map((r) => r.source).sort(), ['chip', 'qr'], 'the QR identification is kept beside the chip read');
    assert.deepEqual(
      entries.filter((e) => e.action === 'biometric.prompt').map((e) => e.detail),
      [
        { visitId: bhyt.id, requirement: 'required', exemption: null, photo: false },
        { visitId: bhyt.id, requirement: 'required', exemption: null, photo: true },
        { visitId: feePaying.id, requirement: 'off', exemption: null, photo: false },
      ],
    );
    assert.deepEqual(entries.filter((e) => e.action === 'ticket.print').map((e) => [e.patientId, e.desk, e.user, e.detail]), [
      [bhyt.patientId, 'A', 'lan', { visitId: bhyt.id, via: 'dialog', reprint: false }],
    ]);
    assert.doesNotMatch(JSON.stringify(entries), /Nguyễn|001090012345|0190012345|HEN-0042/, 'no personal data in the audit log');
  });

  it('does not ask for the identity check of a young child, and says why; the age is the desk setting', async () => {
    using dir = makeTempDir();
    const { app } = await startWith({}, dir.path);
    const child = await app.router.dispatch('patients.save', { fullName: 'Phạm Gia Bảo', birthDate: `${new Date().getUTCFullYear() - 3}-05-20`, sex: 'male' });
    assert.ok(child.ok, JSON.stringify(child));
    const created = await app.router.dispatch('visits.create', { patientId: (child.value as PatientSaveResult).patient.id, visitType: 'bhyt', clinicId: 'K02' });
    assert.ok(created.ok, JSON.stringify(created));
    const visitId = (created.value as VisitCreateResult).visit.id;
    const prompt = async () => {
      const answer = await app.router.dispatch('visits.biometricPrompt', { visitId });
      assert.ok(answer.ok, JSON.stringify(answer));
      return answer.value as BiometricPrompt;
    };
    assert.deepEqual([(await prompt()).requirement, (await prompt()).exemption], ['off', 'young-child']);
    const desk = await app.router.dispatch('settings.desk.get', {});
    assert.ok(desk.ok);
    assert.ok((await app.router.dispatch('settings.desk.set', { ...(desk.value as DeskSettings), biometricExemptUnderYears: 0 })).ok);
    assert.deepEqual([(await prompt()).requirement, (await prompt()).exemption], ['required', null], 'everyone is asked with the exemption at 0');
    await app.close();
  });

  it('lets the test automation service decide when the check is opened, in its own name', async () => {
    using dir = makeTempDir();
    for (const decision of ['match', 'no-match'] as const) {
      const { app, visit } = await startWith({ biometricAutomation: decision, dataDir: join(dir.path, decision) }, join(dir.path, decision));
      const bhyt = await visit('bhyt');
      assert.ok((await app.router.dispatch('visits.ticketPrinted', { visitId: bhyt.id, via: 'silent' })).ok);
      const prompt = await app.router.dispatch('visits.biometricPrompt', { visitId: bhyt.id });
      assert.ok(prompt.ok, JSON.stringify(prompt));
      assert.equal((prompt.value as BiometricPrompt).decision?.decision, decision);
      assert.equal((prompt.value as BiometricPrompt).decision?.by, AUTOMATION_USER);
      const today = await app.router.dispatch('visits.today', {});
      assert.equal(today.ok && (today.value as VisitsTodayResult).visits[0]?.status, 'biometric-done');
      await app.close();
    }
  });

  it('narrows today’s list by number, name without diacritics or clinic', async () => {
    using dir = makeTempDir();
    const { app, visit } = await startWith({}, dir.path);
    const first = await visit('bhyt');
    await visit('fee-paying');
    const search = async (query: string) => {
      const result = await app.router.dispatch('visits.today', { query });
      assert.ok(result.ok, JSON.stringify(result));
      return (result.value as VisitsTodayResult).visits.map((v) => v.queueNumber.display);
    };
    assert.deepEqual(await search('nguyen van an'), ['A-001', 'A-002']);
    assert.deepEqual(await search(first.queueNumber.display.toLowerCase()), ['A-001']);
    assert.deepEqual(await search('noi tong hop'), ['A-001', 'A-002']);
    assert.deepEqual(await search('nhi'), []);
    assert.deepEqual(await search('  '), ['A-001', 'A-002']);
    await app.close();
  });
});
