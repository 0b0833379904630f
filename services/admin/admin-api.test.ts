import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_MAX_ATTEMPTS, requiresAdmin, type AdminStatus } from '../../domain/admin-api.ts';
import { METHOD_NAMES, methods } from '../../domain/api.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp } from '../app.ts';

describe('admin PIN through the API', () => {
  it('guards settings.*.set and admin-only methods per connection once a PIN is set', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const it1 = {};
    const clerk = {};
    const current = await app.router.dispatch('settings.scanners.get', {}, clerk);
    assert.ok(current.ok);

    // First run: nothing is locked until IT sets a PIN.
    assert.equal((await app.router.dispatch('settings.scanners.set', current.value, clerk)).ok, true);
    const first = await app.router.dispatch('admin.setPin', { pin: '482613' }, it1);
    assert.ok(first.ok, JSON.stringify(first));

    const locked = await app.router.dispatch('settings.scanners.set', current.value, clerk);
    assert.equal(locked.ok ? 'ok' : locked.error.code, 'ADMIN_LOCKED');
    const diagnostics = await app.router.dispatch('diagnostics.get', {}, clerk);
    assert.equal(diagnostics.ok ? 'ok' : diagnostics.error.code, 'ADMIN_LOCKED');
    // Reading stays open: the clerk's screens need it.
    assert.equal((await app.router.dispatch('settings.scanners.get', {}, clerk)).ok, true);
    assert.equal((await app.router.dispatch('settings.scanners.set', current.value, it1)).ok, true);

    const unlocked = await app.router.dispatch('admin.unlock', { pin: '482613' }, clerk);
    assert.equal(unlocked.ok && (unlocked.value as AdminStatus).unlocked, true);
    assert.equal((await app.router.dispatch('settings.scanners.set', current.value, clerk)).ok, true);
    await app.router.dispatch('admin.lock', {}, clerk);
    const relocked = await app.router.dispatch('settings.scanners.set', current.value, clerk);
    assert.equal(relocked.ok ? 'ok' : relocked.error.code, 'ADMIN_LOCKED');
    await app.close();
  });

  it('locks every settings.*.set and every admin-only method of the contract, whatever the input, once a PIN is set', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    await app.router.dispatch('admin.setPin', { pin: '482613' }, {});
    const guarded = METHOD_NAMES.filter((method) => requiresAdmin(method, methods[method]));
    for (const method of METHOD_NAMES.filter((name) => /^settings\.[^.]+\.set$/.test(name))) assert.ok(guarded.includes(method), method);
    assert.ok(guarded.includes('diagnostics.export') && guarded.includes('diagnostics.get'));
    for (const method of guarded) {
      const answer = await app.router.dispatch(method, { anything: 'at all' }, {});
      assert.equal(answer.ok ? 'ok' : answer.error.code, 'ADMIN_LOCKED', method);
    }
    // Reading and the clerk's work stay open.
    for (const method of ['system.status', 'settings.scanners.get', 'admin.status'] as const) {
      assert.equal((await app.router.dispatch(method, {}, {})).ok, true, method);
    }
    await app.close();
  });

  it('refuses PINs that are not 6–12 digits, and locks out after 5 wrong PINs across a restart', async () => {
    using dir = makeTempDir();
    let app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    for (const pin of ['12345', '1234567890123', '12a456']) {
      const refused = await app.router.dispatch('admin.setPin', { pin }, {});
      assert.equal(refused.ok ? 'ok' : refused.error.code, 'BAD_INPUT', pin);
    }
    await app.router.dispatch('admin.setPin', { pin: '482613' }, {});
    const codes: string[] = [];
    for (let attempt = 0; attempt < ADMIN_MAX_ATTEMPTS; attempt++) {
      const answer = await app.router.dispatch('admin.unlock', { pin: '000000' }, {});
      codes.push(answer.ok ? 'ok' : answer.error.code);
    }
    assert.deepEqual(codes, [...Array(ADMIN_MAX_ATTEMPTS - 1).fill('ADMIN_PIN_WRONG'), 'ADMIN_LOCKED_OUT']);
    await app.close();

    app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const status = await app.router.dispatch('admin.status', {}, {});
    assert.ok(status.ok);
    assert.equal((status.value as AdminStatus).pinSet, true);
    assert.ok((status.value as AdminStatus).lockedUntil);
    const right = await app.router.dispatch('admin.unlock', { pin: '482613' }, {});
    assert.equal(right.ok ? 'ok' : right.error.code, 'ADMIN_LOCKED_OUT');
    await app.close();
  });
});
