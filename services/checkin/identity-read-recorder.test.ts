import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCheckinStore } from '../../db/checkin-store.ts';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import type { CardReadResult } from '../../domain/card.ts';
import { PatientFieldsSchema } from '../../domain/patient.ts';
import { EventBus } from '../event-bus.ts';
import { silentLogger } from '../log.ts';
import { decodeImageDataUrl, startIdentityReadRecorder, UNREGISTERED_READ_TTL_MS } from './identity-read-recorder.ts';

const CCCD = '001090012345';

function cardResult(idNumber: string, withPhoto = true): CardReadResult {
  return {
    reader: 'ACS 0',
    atr: '3B88',
    access: { protocol: 'PACE-CAN', cardAccessSource: 'card' },
    holder: { idNumber, fullName: 'Nguyễn Văn An' },
    otherFields: {},
    ...(withPhoto ? { photo: { dataUrl: 'data:image/jpeg;base64,AQID', sourceFormat: 'jpeg' as const, sourceBytes: 3 } } : {}),
    verification: { passive: { status: 'valid', detail: 'ok' }, active: { status: 'passed' }, chip: { status: 'not-run' } },
    warnings: [],
    timing: { totalMs: 1, apdus: 1, files: [] },
  };
}

describe('identity read recorder', () => {
  it("stores a registered patient's chip read with its photo and audits it; keeps nothing of an unknown card", () => {
    using t = openTestDatabase();
    const store = createCheckinStore(t.db);
    const patient = store.patients.save(PatientFieldsSchema.parse({ fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male', cccd: CCCD })).patient;
    const events = new EventBus(silentLogger);
    const recorder = startIdentityReadRecorder({ store, events, log: silentLogger, desk: 'A', user: () => 'lan', retentionDays: () => 30 });

    events.emit('card.result', { reader: 'ACS 0', ok: true, result: cardResult(CCCD) });
    events.emit('card.result', { reader: 'ACS 0', ok: true, result: cardResult('079200000001') });
    events.emit('card.result', { reader: 'ACS 0', ok: false, error: { code: 'CARD_REMOVED', message: 'lifted' } });

    const reads = store.identityReads.forPatient(patient.id);
    assert.equal(reads.length, 1);
    assert.equal(reads[0]?.source, 'chip');
    assert.equal(reads[0]?.verification, 'valid');
    assert.deepEqual(store.identityReads.photo(reads[0]!.photoId!), { mime: 'image/jpeg', bytes: Buffer.from([1, 2, 3]) });
    assert.equal((reads[0]?.raw as { photo?: unknown }).photo, undefined, 'the raw read is kept without the photo');
    assert.equal((reads[0]?.raw as { holder: { idNumber: string } }).holder.idNumber, CCCD);
    assert.deepEqual(t.db.prepare('SELECT count(*) AS n FROM identity_reads').get(), { n: 1 });
    assert.deepEqual(t.db.prepare('SELECT count(*) AS n FROM identity_photos').get(), { n: 1 });
    const audit = store.audit.query().filter((e) => e.action === 'card-read');
    assert.deepEqual(audit.map((e) => [e.patientId, e.desk, e.user, e.detail]), [[patient.id, 'A', 'lan', { source: 'chip', verification: 'valid', photo: true }]]);

    recorder.close();
    events.emit('card.result', { reader: 'ACS 0', ok: true, result: cardResult(CCCD, false) });
    assert.equal(store.identityReads.forPatient(patient.id).length, 1, 'nothing is stored after close');
  });

  it('purges at start and on its timer with the configured days', (context) => {
    context.mock.timers.enable({ apis: ['setInterval'] });
    using t = openTestDatabase();
    let now = new Date('2026-01-01T00:00:00Z');
    const store = createCheckinStore(t.db, () => now);
    store.identityReads.record({ source: 'chip', verification: 'valid', photo: { mime: 'image/jpeg', bytes: new Uint8Array([1]) }, raw: {} });
    now = new Date('2026-01-05T00:00:00Z');
    let days = 10;
    const events = new EventBus(silentLogger);
    const recorder = startIdentityReadRecorder({ store, events, log: silentLogger, desk: 'A', user: () => 'lan', retentionDays: () => days, intervalMs: 1000 });
    assert.deepEqual(t.db.prepare('SELECT count(*) AS n FROM identity_photos').get(), { n: 1 }, 'kept at start: within 10 days');
    days = 2;
    context.mock.timers.tick(1000);
    assert.deepEqual(t.db.prepare('SELECT count(*) AS n FROM identity_photos').get(), { n: 0 }, 'purged on the timer');
    assert.deepEqual(recorder.purge(), { photos: 0, rawReads: 0 });
    recorder.close();
  });

  it('decodes image data URLs only', () => {
    assert.deepEqual(decodeImageDataUrl('data:image/png;base64,AQI='), { mime: 'image/png', bytes: new Uint8Array([1, 2]) });
    assert.equal(decodeImageDataUrl('data:text/plain;base64,AQI='), undefined);
  });
});

describe('identity read recorder: a card read before its holder is registered', () => {
  it('keeps the read when that CCCD is registered within the wait, and drops it otherwise', () => {
    using t = openTestDatabase();
    const store = createCheckinStore(t.db);
    const events = new EventBus(silentLogger);
    let clock = 1_000_000;
    const recorder = startIdentityReadRecorder({ store, events, log: silentLogger, desk: 'A', user: () => 'lan', retentionDays: () => 30, now: () => clock });

    events.emit('card.result', { reader: 'ACS 0', ok: true, result: cardResult(CCCD) });
    assert.deepEqual(t.db.prepare('SELECT count(*) AS n FROM identity_reads').get(), { n: 0 }, 'nothing stored before the registration');
    const other = store.patients.save(PatientFieldsSchema.parse({ fullName: 'Lê Thị Hoa', birthDate: '1985-01-02', sex: 'female', cccd: '079185000002' })).patient;
    recorder.patientSaved({ id: other.id, cccd: other.cccd ?? null });
    assert.equal(store.identityReads.forPatient(other.id).length, 0, 'another CCCD does not take the read');

    const an = store.patients.save(PatientFieldsSchema.parse({ fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male', cccd: CCCD })).patient;
    recorder.patientSaved({ id: an.id, cccd: an.cccd ?? null });
    const reads = store.identityReads.forPatient(an.id);
    assert.equal(reads.length, 1);
    assert.ok(reads[0]?.photoId !== undefined, 'with the chip photo');
    recorder.patientSaved({ id: an.id, cccd: an.cccd ?? null });
    assert.equal(store.identityReads.forPatient(an.id).length, 1, 'kept once');

    events.emit('card.result', { reader: 'ACS 0', ok: true, result: cardResult('001199000003') });
    clock += UNREGISTERED_READ_TTL_MS + 1;
    const late = store.patients.save(PatientFieldsSchema.parse({ fullName: 'Phạm Minh Tú', birthDate: '1999-03-04', sex: 'male', cccd: '001199000003' })).patient;
    recorder.patientSaved({ id: late.id, cccd: late.cccd ?? null });
    assert.equal(store.identityReads.forPatient(late.id).length, 0, 'a read older than the wait is dropped');
    recorder.close();
  });
});
