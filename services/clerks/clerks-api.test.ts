import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAuditLog } from '../../db/audit.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import { METHOD_NAMES, methods } from '../../domain/api.ts';
import { CLERK_MAX_ATTEMPTS, requiresClerk, type ClerkStatus } from '../../domain/clerk-api.ts';
import type { PatientSaveResult } from '../../domain/patient.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp } from '../app.ts';

const LAN = { code: 'NV01', name: 'Nguyễn Thị Lan', pin: '4826' };
const MINH = { code: 'NV02', name: 'Trần Văn Minh', pin: '7310' };
const PATIENT = { fullName: 'Đỗ Thị Mai', birthDate: '1985-04-02', sex: 'female', cccd: '001185012345', relatives: [] };

function auditOf(dataDir: string) {
  const db = openDatabase({ file: join(dataDir, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dataDir, 'db.key')) });
  try {
    return createAuditLog(db.db).query({ limit: 100 }).reverse();
  } finally {
    db.close();
  }
}

describe('clerks at the desk', () => {
  it('refuses patient data until a clerk signs in, and names the clerk, never the computer account, in the audit', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'browser', deviceHost: false, desk: 'Quầy 1' });
    const seen: ClerkStatus[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'clerk.changed') seen.push(payload as ClerkStatus);
    });

    const before = await app.router.dispatch('patients.search', { query: 'Mai' });
    assert.equal(before.ok ? 'ok' : before.error.code, 'CLERK_SIGNED_OUT');
    // No admin PIN yet: IT (or the first run) adds the clerks.
    const saved = await app.router.dispatch('settings.clerks.set', { clerks: [LAN, MINH] });
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.doesNotMatch(JSON.stringify(saved.value), /4826|7310|scrypt|hash/, 'no PIN or hash leaves the services');

    const wrong = await app.router.dispatch('clerks.signIn', { code: 'nv01', pin: '0000' });
    assert.equal(wrong.ok ? 'ok' : wrong.error.code, 'CLERK_PIN_WRONG');
    assert.deepEqual(!wrong.ok && wrong.error.detail, { attemptsLeft: CLERK_MAX_ATTEMPTS - 1 });
    const unknown = await app.router.dispatch('clerks.signIn', { code: 'NV99', pin: '4826' });
    assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'CLERK_NOT_FOUND');

    const signedIn = await app.router.dispatch('clerks.signIn', { code: 'nv01', pin: LAN.pin });
    assert.ok(signedIn.ok, JSON.stringify(signedIn));
    assert.deepEqual((signedIn.value as ClerkStatus).signedIn, { code: 'NV01', name: 'Nguyễn Thị Lan' });
    assert.deepEqual(seen.at(-1)?.signedIn?.code, 'NV01');
    const created = await app.router.dispatch('patients.save', PATIENT);
    assert.ok(created.ok, JSON.stringify(created));

    // Switching: the next clerk's work is theirs.
    await app.router.dispatch('clerks.signOut', {});
    const between = await app.router.dispatch('patients.get', { id: (created.value as PatientSaveResult).patient.id });
    assert.equal(between.ok ? 'ok' : between.error.code, 'CLERK_SIGNED_OUT');
    assert.ok((await app.router.dispatch('clerks.signIn', { code: 'NV02', pin: MINH.pin })).ok);
    assert.ok((await app.router.dispatch('patients.get', { id: (created.value as PatientSaveResult).patient.id })).ok);
    // The desk left idle signs its clerk out, and the audit says why.
    assert.ok((await app.router.dispatch('clerks.signOut', { reason: 'idle' })).ok);
    await app.close();

    const entries = auditOf(dir.path);
    assert.deepEqual(
      entries.map((e) => `${e.action} ${e.user}`),
      [
        'clerk.sign-in Nguyễn Thị Lan (NV01)',
        'patient.create Nguyễn Thị Lan (NV01)',
        'clerk.sign-out Nguyễn Thị Lan (NV01)',
        'clerk.sign-in Trần Văn Minh (NV02)',
        'patient.open Trần Văn Minh (NV02)',
        'clerk.sign-out Trần Văn Minh (NV02)',
      ],
    );
    assert.deepEqual(
      entries.filter((e) => e.action === 'clerk.sign-out').map((e) => e.detail),
      [{ reason: 'switch' }, { reason: 'idle' }],
    );
  });

  it('guards every method on patient data, and none of IT’s or the status methods', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'browser', deviceHost: false });
    const guarded = METHOD_NAMES.filter((method) => requiresClerk(method, methods[method]));
    for (const method of ['patients.search', 'patients.save', 'visits.create', 'visits.today', 'payments.confirm', 'insurance.check', 'card.read'] as const) {
      assert.ok(guarded.includes(method), method);
    }
    for (const method of ['visits.exportXml0', 'system.status', 'clerks.status', 'settings.clinics.get', 'scan.submit'] as const) {
      assert.ok(!guarded.includes(method), method);
    }
    for (const method of guarded) {
      const answer = await app.router.dispatch(method, { anything: 'at all' });
      assert.equal(answer.ok ? 'ok' : answer.error.code, 'CLERK_SIGNED_OUT', method);
    }
    await app.close();
  });

  it('locks a clerk out after five wrong PINs, across a restart, without locking the others; a new PIN from IT lifts it', async () => {
    using dir = makeTempDir();
    const config = { dataDir: dir.path, mode: 'browser', deviceHost: false } as const;
    let app = await createApp(config);
    await app.router.dispatch('settings.clerks.set', { clerks: [LAN, MINH] });
    for (let attempt = 1; attempt < CLERK_MAX_ATTEMPTS; attempt++) {
      const answer = await app.router.dispatch('clerks.signIn', { code: 'NV01', pin: '9999' });
      assert.equal(answer.ok ? 'ok' : answer.error.code, 'CLERK_PIN_WRONG');
    }
    const last = await app.router.dispatch('clerks.signIn', { code: 'NV01', pin: '9999' });
    assert.equal(last.ok ? 'ok' : last.error.code, 'CLERK_LOCKED_OUT');
    await app.close();

    app = await createApp(config);
    const still = await app.router.dispatch('clerks.signIn', { code: 'NV01', pin: LAN.pin });
    assert.equal(still.ok ? 'ok' : still.error.code, 'CLERK_LOCKED_OUT', 'the right PIN waits for the lock to end');
    assert.ok((await app.router.dispatch('clerks.signIn', { code: 'NV02', pin: MINH.pin })).ok, 'other clerks sign in');
    // IT keeps Minh's PIN (none given) and sets Lan a new one.
    const reset = await app.router.dispatch('settings.clerks.set', { clerks: [{ ...LAN, pin: '1357' }, { code: MINH.code, name: MINH.name }] });
    assert.ok(reset.ok, JSON.stringify(reset));
    assert.ok((await app.router.dispatch('clerks.signIn', { code: 'NV01', pin: '1357' })).ok);
    assert.ok((await app.router.dispatch('clerks.signIn', { code: 'NV02', pin: MINH.pin })).ok, "Minh's PIN kept");
    await app.close();
  });

  it('refuses a new clerk without a PIN and two clerks with one code, naming the field', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'browser', deviceHost: false });
    const noPin = await app.router.dispatch('settings.clerks.set', { clerks: [{ code: 'NV01', name: 'Lan' }] });
    assert.deepEqual(!noPin.ok && [noPin.error.code, (noPin.error.detail as { path: string[] }[])[0]?.path], ['BAD_INPUT', ['clerks', '0', 'pin']]);
    const twice = await app.router.dispatch('settings.clerks.set', { clerks: [LAN, { ...MINH, code: 'nv01' }] });
    assert.deepEqual(!twice.ok && [twice.error.code, (twice.error.detail as { path: string[] }[])[0]?.path], ['BAD_INPUT', ['clerks', '1', 'code']]);
    await app.close();
  });

  it('signs in the clerk mapped to the computer account at start; command-line use needs no clerk', async () => {
    using dir = makeTempDir();
    const account = (await import('node:os')).userInfo().username;
    let app = await createApp({ dataDir: dir.path, mode: 'browser', deviceHost: false });
    await app.router.dispatch('settings.clerks.set', { clerks: [{ ...LAN, osAccount: account }] });
    await app.close();
    app = await createApp({ dataDir: dir.path, mode: 'browser', deviceHost: false });
    const status = await app.router.dispatch('clerks.status', {});
    assert.equal(status.ok && (status.value as ClerkStatus).signedIn?.code, 'NV01');
    await app.close();

    const headless = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    assert.ok((await headless.router.dispatch('patients.search', { query: 'Mai' })).ok);
    await headless.close();
  });
});
