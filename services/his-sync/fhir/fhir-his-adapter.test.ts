import assert from 'node:assert/strict';
import type { Encounter, Patient } from '@medplum/fhirtypes';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DEFAULT_FHIR_SYSTEMS as SYS } from '../../../domain/his/fhir-systems.ts';
import { startFaultProxy, type FaultProxy } from '../../../native/sim/his/fault-proxy.ts';
import { startFhirSim, type FhirSim } from '../../../native/sim/his/fhir-server.ts';
import { TEST_CA_PEM, TEST_SERVER_CERT_PEM, TEST_SERVER_KEY_PEM } from '../../../native/sim/his/test-tls.ts';
import { HisError, type HisEncounterInput, type HisPatientInput } from '../his-adapter.ts';
import { createFhirHisAdapter, type FhirHisAdapter } from './fhir-his-adapter.ts';
import { createFhirHttpClient } from './http-client.ts';

const PATIENT: HisPatientInput = {
  localId: 'desk1-p1',
  cccd: '001090012345',
  bhxhNumber: '0123456789',
  fullName: 'Nguyễn Văn An',
  birthDate: '1990-08-15',
  sex: 'male',
  phone: '0912345678',
};

function encounterInput(visitKey: string, hisId: string): HisEncounterInput {
  return {
    visitKey,
    patient: { hisId, mrn: null },
    clinicId: 'K01',
    day: '2026-11-23',
    visitType: 'bhyt',
    priorities: ['elderly'],
    queueNumber: 'A-001',
    status: 'arrived',
    arrivedAt: '2026-11-23T01:00:00.000Z',
  };
}

async function rejection(promise: Promise<unknown>): Promise<HisError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HisError, `a HisError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('FHIR HIS adapter against the FHIR engine', () => {
  let sim: FhirSim;
  let proxy: FaultProxy;
  let his: FhirHisAdapter;
  let visit = 0;
  const nextVisitKey = () => `desk1-${++visit}`;

  before(async () => {
    sim = await startFhirSim();
    proxy = await startFaultProxy(sim.url);
    his = createFhirHisAdapter({ baseUrl: proxy.url, auth: { kind: 'none' }, timeoutMs: 2_000, queueNumberTimeoutMs: 500 });
  });
  after(async () => {
    his.close();
    await proxy.stop();
    await sim.stop();
  });
  beforeEach(async () => {
    await proxy.set({ kind: 'pass' });
  });

  it('creates a patient once by CCCD and lays later changes over the HIS record with If-Match', async () => {
    const first = await his.upsertPatient(PATIENT);
    const again = await his.upsertPatient(PATIENT);
    assert.equal(again.hisId, first.hisId);
    assert.equal(sim.countByIdentifier('Patient', SYS.cccd, PATIENT.cccd!), 1);

    // The HIS gives the patient a medical record number; our update must keep it.
    const stored = await sim.repo.readResource<Patient>('Patient', first.hisId);
    await sim.repo.updateResource({ ...stored, identifier: [...(stored.identifier ?? []), { system: SYS.mrn, value: 'BN-0001' }] } as never);
    const moved = await his.upsertPatient({ ...PATIENT, phone: '0987654321' });
    assert.deepEqual(moved, { hisId: first.hisId, mrn: 'BN-0001' });
    const found = await his.findPatient({ bhxhNumber: PATIENT.bhxhNumber! });
    assert.equal(found?.fullName, 'Nguyễn Văn An');
    assert.equal(found?.mrn, 'BN-0001');
    assert.equal(await his.findPatient({ cccd: '079000000000' }), null);
  });

  it('keeps one HIS patient when the identifiers we hold change: desk number, then BHXH, then CCCD', async () => {
    const base: HisPatientInput = { localId: 'desk1-p201', fullName: 'Lê Thị Cúc', birthDate: '1970-01-02', sex: 'female' };
    const first = await his.upsertPatient(base);
    const withBhxh = await his.upsertPatient({ ...base, bhxhNumber: '7912345678' });
    const withCccd = await his.upsertPatient({ ...base, bhxhNumber: '7912345678', cccd: '079170000201' });
    assert.deepEqual([withBhxh.hisId, withCccd.hisId], [first.hisId, first.hisId]);
    assert.equal(sim.countByIdentifier('Patient', SYS.localPatient, 'desk1-p201'), 1);
    assert.equal(sim.countByIdentifier('Patient', SYS.cccd, '079170000201'), 1);
    const stored = await sim.repo.readResource<Patient>('Patient', first.hisId);
    assert.deepEqual(
      (stored.identifier ?? []).map((i) => i.system).sort(),
      [SYS.bhxh, SYS.cccd, SYS.localPatient].sort(),
      'the HIS patient now holds every identifier',
    );
    // A later send by CCCD alone (another desk number) still finds it.
    assert.equal((await his.upsertPatient({ ...base, localId: 'desk2-p7', cccd: '079170000201' })).hisId, first.hisId);
  });

  it('finds the HIS\'s own patient by BHXH and refuses to lay a different CCCD over the one it holds', async () => {
    const theirs = await sim.repo.createResource<Patient>({
      resourceType: 'Patient',
      identifier: [{ system: SYS.cccd, value: '079170000301' }, { system: SYS.bhxh, value: '7912340301' }],
      name: [{ use: 'official', text: 'Phạm Văn Đức' }],
    });
    const error = await rejection(his.upsertPatient({ localId: 'desk1-p301', bhxhNumber: '7912340301', cccd: '079170000399', fullName: 'Phạm Văn Đức', birthDate: '1970', sex: 'male' }));
    assert.deepEqual([error.kind, error.code], ['permanent', 'HIS_AMBIGUOUS']);
    assert.doesNotMatch(error.message, /0791700003|7912340301/, 'no identifiers in the message');
    const stored = await sim.repo.readResource<Patient>('Patient', theirs.id!);
    assert.deepEqual(stored.identifier?.map((i) => i.value), ['079170000301', '7912340301'], 'nothing written');
  });

  it('parks a conditional create or update that matches several HIS records as HIS_AMBIGUOUS, not as a retry', async () => {
    const twin = { resourceType: 'Patient', identifier: [{ system: SYS.cccd, value: '079170000401' }] } as const;
    await sim.repo.createResource<Patient>({ ...twin, identifier: [...twin.identifier] });
    await sim.repo.createResource<Patient>({ ...twin, identifier: [...twin.identifier] });
    const patient = await rejection(his.upsertPatient({ localId: 'desk1-p401', cccd: '079170000401', fullName: 'Võ Văn Em', birthDate: '1970', sex: 'male' }));
    assert.deepEqual([patient.kind, patient.code, patient.status], ['permanent', 'HIS_AMBIGUOUS', 412]);

    const owner = await his.upsertPatient({ localId: 'desk1-p402', fullName: 'Võ Văn Phúc', birthDate: '1970', sex: 'male' });
    const card = 'HT2790000000402';
    for (let i = 0; i < 2; i += 1) {
      await sim.repo.createResource({ resourceType: 'Coverage', status: 'active', identifier: [{ system: SYS.bhyt, value: card }], beneficiary: { reference: `Patient/${owner.hisId}` }, payor: [{ display: 'BHXH' }] } as never);
    }
    const coverage = await rejection(
      his.recordCoverage({ visitKey: nextVisitKey(), patient: owner, cardNumber: card, registeredFacility: null, validFrom: null, validTo: null, checkResult: '000' }),
    );
    assert.deepEqual([coverage.kind, coverage.code, coverage.status], ['permanent', 'HIS_AMBIGUOUS', 412]);
  });

  it('replaces only our phone, address and name entries on the HIS record, keeping the HIS\'s others', async () => {
    const input: HisPatientInput = { localId: 'desk1-p501', cccd: '079170000501', fullName: 'Đỗ Thị Giang', birthDate: '1970-05-06', sex: 'female', phone: '0911000501', address: 'Số 1 Lê Lợi' };
    const ref = await his.upsertPatient(input);
    const stored = await sim.repo.readResource<Patient>('Patient', ref.hisId);
    await sim.repo.updateResource<Patient>({
      ...stored,
      name: [...(stored.name ?? []), { use: 'maiden', text: 'Đỗ Thị Giang Xưa' }],
      telecom: [...(stored.telecom ?? []), { system: 'email', value: 'giang@example.vn' }, { system: 'phone', use: 'work', value: '02838000501' }],
      address: [...(stored.address ?? []), { use: 'work', text: 'Bệnh viện Quận 1' }],
    });
    await his.upsertPatient({ ...input, fullName: 'Đỗ Thị Giang Mới', phone: '0922000501', address: 'Số 2 Lê Lợi' });
    const merged = await sim.repo.readResource<Patient>('Patient', ref.hisId);
    assert.deepEqual(merged.name?.map((n) => [n.use, n.text]), [['official', 'Đỗ Thị Giang Mới'], ['maiden', 'Đỗ Thị Giang Xưa']]);
    assert.deepEqual(merged.telecom?.map((t) => [t.system, t.use, t.value]), [
      ['phone', 'mobile', '0922000501'],
      ['email', undefined, 'giang@example.vn'],
      ['phone', 'work', '02838000501'],
    ]);
    assert.deepEqual(merged.address?.map((a) => [a.use, a.text]), [['home', 'Số 2 Lê Lợi'], ['work', 'Bệnh viện Quận 1']]);
  });

  it('creates an encounter once per visit, then cancels it with a versioned update', async () => {
    const patient = await his.upsertPatient(PATIENT);
    const key = nextVisitKey();
    const created = await his.createEncounter(encounterInput(key, patient.hisId));
    const repeat = await his.createEncounter(encounterInput(key, patient.hisId));
    assert.equal(repeat.hisId, created.hisId);
    assert.equal(sim.countByIdentifier('Encounter', SYS.visit, key), 1);

    const cancelled = await his.updateEncounter({ visitKey: key, status: 'cancelled', at: '2026-11-23T01:05:00.000Z' });
    assert.equal(cancelled.status, 'cancelled');
    assert.notEqual(cancelled.version, created.version);
    const again = await his.updateEncounter({ visitKey: key, status: 'cancelled', at: '2026-11-23T01:06:00.000Z' });
    assert.equal(again.version, cancelled.version, 'a repeated cancellation changes nothing');
    const stored = await sim.repo.readResource<Encounter>('Encounter', created.hisId);
    assert.deepEqual((stored.statusHistory ?? []).map((h) => h.status), ['arrived']);
  });

  it('refuses an update against a stale version (If-Match) as a retryable conflict', async () => {
    const patient = await his.upsertPatient(PATIENT);
    const key = nextVisitKey();
    const created = await his.createEncounter(encounterInput(key, patient.hisId));
    const client = createFhirHttpClient({ baseUrl: sim.url, auth: { kind: 'none' }, timeoutMs: 2_000 });
    try {
      const current = await sim.repo.readResource('Encounter', created.hisId);
      await sim.repo.updateResource({ ...current, status: 'in-progress' } as never);
      const error = await rejection(
        client.send('PUT', `Encounter/${created.hisId}`, { body: { ...current, status: 'cancelled' }, headers: { 'if-match': `W/"${created.version}"` } }),
      );
      assert.deepEqual([error.kind, error.code, error.status], ['retryable', 'HIS_VERSION_CONFLICT', 412]);
    } finally {
      client.close();
    }
  });

  it('records coverage and payments once, and reads the payment status the cashier set', async () => {
    const patient = await his.upsertPatient(PATIENT);
    const key = nextVisitKey();
    await his.createEncounter(encounterInput(key, patient.hisId));
    const coverage = { visitKey: key, patient, cardNumber: 'HT2790123456789', registeredFacility: '79032', validFrom: '2026-01-01', validTo: '2026-12-31', checkResult: '000' };
    await his.recordCoverage(coverage);
    await his.recordCoverage(coverage);
    assert.equal(sim.countByIdentifier('Coverage', SYS.bhyt, 'HT2790123456789'), 1);

    assert.deepEqual(await his.paymentStatus(key), { visitKey: key, state: 'unpaid', dueVnd: 0, paidVnd: 0, lastPaidAt: null });
    await sim.setPayment(key, { dueVnd: 50_600, paidVnd: 0 });
    const payment = { visitKey: key, paymentKey: `${key}-pay-1`, amountVnd: 20_000, method: 'vietqr' as const, reference: 'FT123', at: '2026-11-23T01:10:00.000Z' };
    await his.recordPayment(payment);
    await his.recordPayment(payment);
    assert.equal(sim.countByIdentifier('PaymentNotice', SYS.payment, payment.paymentKey), 1);
    const partial = await his.paymentStatus(key);
    assert.deepEqual([partial.state, partial.dueVnd, partial.paidVnd], ['partially-paid', 50_600, 20_000]);
    await sim.setPayment(key, { dueVnd: 50_600, paidVnd: 30_600 });
    assert.equal((await his.paymentStatus(key)).state, 'paid');
  });

  it('lists clinics and fees, and numbers a clinic queue per day', async () => {
    assert.deepEqual((await his.clinics()).map((c) => [c.id, c.room, c.serviceCode]), [
      ['K01', 'P.101, tầng 1', '02.1896'],
      ['K02', 'P.102, tầng 1', '02.1897'],
    ]);
    assert.deepEqual((await his.feeSchedule()).map((f) => [f.code, f.amountVnd, f.clinicId]), [
      ['02.1896', 50_600, 'K01'],
      ['02.1897', 50_600, 'K02'],
    ]);
    assert.deepEqual(await his.next('K02', '2026-11-24'), { ok: true, sequence: 1 });
    assert.deepEqual(await his.next('K02', '2026-11-24'), { ok: true, sequence: 2 });
    assert.deepEqual(await his.next('K02', '2026-11-25'), { ok: true, sequence: 1 });
    const unknown = await his.next('K99', '2026-11-24');
    assert.equal(unknown.ok ? 'ok' : unknown.reason, 'rejected');
    assert.equal((await his.ping()).fhirVersion, '4.0.1');
  });

  it('has an invalid resource refused by the engine as permanent', async () => {
    const error = await rejection(his.upsertPatient({ ...PATIENT, localId: 'desk1-p900', cccd: '079000000001', bhxhNumber: undefined, birthDate: '15/08/1990' }));
    assert.deepEqual([error.kind, error.code, error.status], ['permanent', 'HIS_REJECTED', 400]);
  });

  describe('through the fault proxy', () => {
    it('down: retryable, and the queue number falls back', async () => {
      await proxy.set({ kind: 'down' });
      const error = await rejection(his.upsertPatient(PATIENT));
      assert.deepEqual([error.kind, error.code], ['retryable', 'HIS_UNREACHABLE']);
      assert.deepEqual(await his.next('K01', '2026-11-23'), { ok: false, reason: 'unavailable', message: error.message });
    });

    it('500: retryable server error', async () => {
      await proxy.set({ kind: 'error-500' }, 1);
      const error = await rejection(his.upsertPatient(PATIENT));
      assert.deepEqual([error.kind, error.code, error.status], ['retryable', 'HIS_SERVER_ERROR', 500]);
      assert.ok(await his.upsertPatient(PATIENT), 'passes again after the fault');
    });

    it('429: retryable with the Retry-After in seconds, or as a date on a server clock 2 hours ahead', async () => {
      await proxy.set({ kind: 'rate-limit', retryAfterSeconds: 7 }, 1);
      const seconds = await rejection(his.upsertPatient(PATIENT));
      assert.deepEqual([seconds.kind, seconds.code, seconds.retryAfterMs], ['retryable', 'HIS_RATE_LIMITED', 7_000]);
      await proxy.set({ kind: 'rate-limit', retryAfterSeconds: 30, asDate: true, clockSkewMs: 7_200_000 }, 1);
      const dated = await rejection(his.upsertPatient(PATIENT));
      assert.ok(dated.retryAfterMs !== undefined && dated.retryAfterMs >= 29_000 && dated.retryAfterMs <= 31_000, `about 30 s, not ${dated.retryAfterMs}`);
    });

    it('a stall: the call times out as retryable, and a queue number gives up sooner', async () => {
      await proxy.set({ kind: 'stall' });
      const error = await rejection(his.upsertPatient(PATIENT));
      assert.deepEqual([error.kind, error.code], ['retryable', 'HIS_TIMEOUT']);
      const queue = await his.next('K01', '2026-11-23');
      assert.equal(queue.ok ? 'ok' : queue.reason, 'timeout');
    });

    it('a reset before the server saw the call: retryable, nothing written', async () => {
      const patient = await his.upsertPatient(PATIENT);
      const key = nextVisitKey();
      await proxy.set({ kind: 'reset' }, 1);
      const error = await rejection(his.createEncounter(encounterInput(key, patient.hisId)));
      assert.deepEqual([error.kind, error.code], ['retryable', 'HIS_UNREACHABLE']);
      assert.equal(sim.countByIdentifier('Encounter', SYS.visit, key), 0);
    });

    it('a reset or malformed JSON after the server applied the call: retryable, and the repeat writes nothing more', async () => {
      const patient = await his.upsertPatient(PATIENT);
      for (const fault of [{ kind: 'reset-after' }, { kind: 'malformed' }] as const) {
        const key = nextVisitKey();
        await proxy.set(fault, 1);
        const error = await rejection(his.createEncounter(encounterInput(key, patient.hisId)));
        assert.equal(error.kind, 'retryable', fault.kind);
        assert.equal(sim.countByIdentifier('Encounter', SYS.visit, key), 1, `${fault.kind}: applied once`);
        await his.createEncounter(encounterInput(key, patient.hisId));
        assert.equal(sim.countByIdentifier('Encounter', SYS.visit, key), 1, `${fault.kind}: still once after the repeat`);
      }
    });
  });

  it('takes a well-formed answer of the wrong shape as a permanent malformed reply', async () => {
    const fake = createFhirHisAdapter(
      { baseUrl: 'http://127.0.0.1:1/fhir', auth: { kind: 'none' }, timeoutMs: 100 },
      { send: async () => ({ status: 201, headers: {}, body: { resourceType: 'Patient', name: 'not a list' } }), close() {} },
    );
    const error = await rejection(fake.upsertPatient(PATIENT));
    assert.deepEqual([error.kind, error.code], ['permanent', 'HIS_MALFORMED_REPLY']);
    assert.doesNotMatch(error.message, /Nguy|not a list/, 'no values in the message');
  });

  it('trusts a hospital-internal HIS over https only with its CA certificate', async () => {
    const internal = await startFhirSim({ tls: { cert: TEST_SERVER_CERT_PEM, key: TEST_SERVER_KEY_PEM } });
    try {
      assert.match(internal.url, /^https:/);
      const untrusting = createFhirHisAdapter({ baseUrl: internal.url, auth: { kind: 'none' }, timeoutMs: 2_000 });
      const error = await rejection(untrusting.ping());
      untrusting.close();
      assert.deepEqual([error.kind, error.code], ['permanent', 'HIS_CERTIFICATE_UNTRUSTED']);
      assert.match(error.message, /CA certificate/);
      const trusting = createFhirHisAdapter({ baseUrl: internal.url, auth: { kind: 'none' }, caPem: TEST_CA_PEM, timeoutMs: 2_000 });
      assert.equal((await trusting.ping()).fhirVersion, '4.0.1');
      assert.equal((await trusting.upsertPatient(PATIENT)).mrn, null);
      trusting.close();
    } finally {
      await internal.stop();
    }
  });

  it('sends bearer and basic credentials', async () => {
    const guarded = await startFhirSim({ authorization: 'Bearer s3cret' });
    try {
      const wrong = createFhirHisAdapter({ baseUrl: guarded.url, auth: { kind: 'bearer', token: 'nope' }, timeoutMs: 2_000 });
      const error = await rejection(wrong.ping());
      assert.deepEqual([error.kind, error.code], ['permanent', 'HIS_UNAUTHORISED']);
      wrong.close();
      const right = createFhirHisAdapter({ baseUrl: guarded.url, auth: { kind: 'bearer', token: 's3cret' }, timeoutMs: 2_000 });
      assert.equal((await right.ping()).fhirVersion, '4.0.1');
      right.close();
    } finally {
      await guarded.stop();
    }
    const basic = await startFhirSim({ authorization: `Basic ${Buffer.from('desk:pw').toString('base64')}` });
    try {
      const adapter = createFhirHisAdapter({ baseUrl: basic.url, auth: { kind: 'basic', user: 'desk', password: 'pw' }, timeoutMs: 2_000 });
      assert.equal((await adapter.ping()).fhirVersion, '4.0.1');
      adapter.close();
    } finally {
      await basic.stop();
    }
  });
});
