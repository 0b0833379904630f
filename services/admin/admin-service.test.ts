import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_MAX_ATTEMPTS } from '../../domain/admin-api.ts';
import { isAppError, type ErrorCode } from '../../domain/errors.ts';
import type { SettingsStore } from '../../db/settings-store.ts';
import { silentLogger } from '../log.ts';
import { createSettingsRepository } from '../settings/settings-repository.ts';
import { ADMIN_PIN_SETTING, createAdminService, LOCKOUT_STEPS_MS } from './admin-service.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

function memoryStore(): SettingsStore & { rows: Map<string, string> } {
  const rows = new Map<string, string>();
  return { rows, get: (key) => rows.get(key), set: (key, value) => void rows.set(key, value) };
}

/** An admin service over a settings store that outlives it (a restart is a new service on the same store). */
function station() {
  const store = memoryStore();
  const clock = { now: Date.parse('2026-11-23T08:00:00Z') };
  const start = () =>
    createAdminService({ settings: createSettingsRepository(store, silentLogger), log: silentLogger, now: () => clock.now, cost: CHEAP });
  return { store, clock, start };
}

async function refused(promise: Promise<unknown>, code: ErrorCode): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAppError(error), String(error));
    assert.equal(error.code, code);
    return error.detail as Record<string, unknown>;
  }
  assert.fail(`expected ${code}`);
}

describe('admin service', () => {
  it('lets everything through until the first PIN is set, then locks other callers', async () => {
    const { start } = station();
    const admin = start();
    const it1 = {};
    const clerk = {};
    assert.deepEqual(admin.status(it1), { pinSet: false, unlocked: true, attemptsLeft: ADMIN_MAX_ATTEMPTS });
    assert.equal(admin.refusal(clerk), undefined);
    await refused(admin.unlock(clerk, '123456'), 'ADMIN_PIN_NOT_SET');

    const status = await admin.setPin(it1, { pin: '123456' });
    assert.equal(status.pinSet, true);
    assert.equal(status.unlocked, true);
    assert.equal(admin.refusal(it1), undefined);
    assert.equal(admin.refusal(clerk)?.code, 'ADMIN_LOCKED');
  });

  it('stores only a scrypt hash of the PIN', async () => {
    const { start, store } = station();
    await start().setPin({}, { pin: '975312' });
    const stored = [...store.rows.values()].join('\n');
    assert.ok(!stored.includes('975312'));
    assert.match(store.rows.get(ADMIN_PIN_SETTING.key)!, /"algorithm":"scrypt"/);
  });

  it('unlocks with the right PIN until the session ends, and locks on request', async () => {
    const { start, clock } = station();
    const admin = start();
    await admin.setPin({}, { pin: '123456' });
    const caller = {};
    const status = await admin.unlock(caller, '123456');
    assert.equal(status.unlocked, true);
    assert.equal(status.sessionExpiresAt, new Date(clock.now + 15 * 60_000).toISOString());
    clock.now += 10 * 60_000;
    assert.equal(admin.refusal(caller), undefined, 'still unlocked, and the session is extended by use');
    clock.now += 14 * 60_000;
    assert.equal(admin.refusal(caller), undefined);
    clock.now += 15 * 60_000 + 1;
    assert.equal(admin.refusal(caller)?.code, 'ADMIN_LOCKED');
    await admin.unlock(caller, '123456');
    admin.lock(caller);
    assert.equal(admin.status(caller).unlocked, false);
  });

  it('locks out after 5 wrong PINs, for longer each time, and the lockout survives a restart', async () => {
    const { start, clock } = station();
    let admin = start();
    await admin.setPin({}, { pin: '123456' });
    const caller = {};
    for (let attempt = 1; attempt < ADMIN_MAX_ATTEMPTS; attempt++) {
      const detail = await refused(admin.unlock(caller, '000000'), 'ADMIN_PIN_WRONG');
      assert.equal(detail.attemptsLeft, ADMIN_MAX_ATTEMPTS - attempt);
    }
    const detail = await refused(admin.unlock(caller, '000000'), 'ADMIN_LOCKED_OUT');
    assert.equal(detail.lockedUntil, new Date(clock.now + LOCKOUT_STEPS_MS[0]).toISOString());

    admin = start();
    await refused(admin.unlock(caller, '123456'), 'ADMIN_LOCKED_OUT');
    assert.equal(admin.status(caller).attemptsLeft, 0);
    clock.now += LOCKOUT_STEPS_MS[0] - 1;
    await refused(admin.unlock(caller, '123456'), 'ADMIN_LOCKED_OUT');

    clock.now += 1;
    assert.equal(admin.status(caller).attemptsLeft, ADMIN_MAX_ATTEMPTS);
    for (let attempt = 1; attempt < ADMIN_MAX_ATTEMPTS; attempt++) await refused(admin.unlock(caller, '999999'), 'ADMIN_PIN_WRONG');
    const second = await refused(admin.unlock(caller, '999999'), 'ADMIN_LOCKED_OUT');
    assert.equal(second.lockedUntil, new Date(clock.now + LOCKOUT_STEPS_MS[1]).toISOString());

    clock.now += LOCKOUT_STEPS_MS[1];
    assert.equal((await admin.unlock(caller, '123456')).unlocked, true);
    // A success resets the ladder: the next lockout is the shortest again.
    for (let attempt = 1; attempt < ADMIN_MAX_ATTEMPTS; attempt++) await refused(admin.unlock({}, '111111'), 'ADMIN_PIN_WRONG');
    const third = await refused(admin.unlock({}, '111111'), 'ADMIN_LOCKED_OUT');
    assert.equal(third.lockedUntil, new Date(clock.now + LOCKOUT_STEPS_MS[0]).toISOString());
  });

  it('counts concurrent guesses one by one', async () => {
    const { start } = station();
    const admin = start();
    await admin.setPin({}, { pin: '123456' });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => admin.unlock({}, '000000')));
    const codes = outcomes.map((o) => (o.status === 'rejected' && isAppError(o.reason) ? o.reason.code : 'ok'));
    assert.deepEqual(codes, [...Array(4).fill('ADMIN_PIN_WRONG'), ...Array(4).fill('ADMIN_LOCKED_OUT')]);
  });

  it('resets a forgotten PIN from the machine: PIN, lockout and sessions gone, survives a restart', async () => {
    const { start } = station();
    let admin = start();
    const it1 = {};
    await admin.setPin(it1, { pin: '123456' });
    for (let attempt = 0; attempt < ADMIN_MAX_ATTEMPTS; attempt++) await admin.unlock({}, '000000').catch(() => {});
    assert.ok(admin.status({}).lockedUntil);
    admin.resetPin();
    assert.deepEqual(admin.status(it1), { pinSet: false, unlocked: true, attemptsLeft: ADMIN_MAX_ATTEMPTS });
    await admin.setPin({}, { pin: '654321' });
    assert.equal(admin.refusal(it1)?.code, 'ADMIN_LOCKED', 'a session from before the reset does not come back');
    admin = start();
    assert.equal(admin.status({}).pinSet, true);
  });

  it('changes the PIN only with the current one', async () => {
    const { start } = station();
    const admin = start();
    await admin.setPin({}, { pin: '123456' });
    await refused(admin.setPin({}, { pin: '654321' }), 'ADMIN_LOCKED');
    await refused(admin.setPin({}, { pin: '654321', currentPin: '000000' }), 'ADMIN_PIN_WRONG');
    await admin.setPin({}, { pin: '654321', currentPin: '123456' });
    await refused(admin.unlock({}, '123456'), 'ADMIN_PIN_WRONG');
    assert.equal((await admin.unlock({}, '654321')).unlocked, true);
  });
});
