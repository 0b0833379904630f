import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../domain/errors.ts';
import { ApiRouter, type MethodHandlers } from './api-router.ts';
import { silentLogger } from './log.ts';
import type { SystemStatus } from '../domain/api.ts';

const status: SystemStatus = {
  version: '1.2.3',
  mode: 'headless',
  startedAt: '2026-01-01T00:00:00.000Z',
  database: { ready: true, encrypted: true, schemaVersion: 10 },
  devices: { host: { state: 'running', restarts: 0 }, pcsc: { state: 'available' }, readers: [], serialPorts: [], hidDevices: [], scanners: [] },
};

function router(overrides: Partial<MethodHandlers> = {}): ApiRouter {
  return new ApiRouter(
    {
      'system.status': () => status,
      'devices.list': () => status.devices,
      'card.read': () => {
        throw new AppError('CARD_ABSENT', 'No card in any reader');
      },
      ...overrides,
    } as MethodHandlers,
    silentLogger,
  );
}

describe('ApiRouter', () => {
  it('answers a known method with its validated value', async () => {
    assert.deepEqual(await router().dispatch('system.status', {}), { ok: true, value: status });
  });

  it('treats a missing input as an empty object', async () => {
    const result = await router().dispatch('system.status', undefined);
    assert.equal(result.ok, true);
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    const result = await router().dispatch('system.shutdown', {});
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'UNKNOWN_METHOD');
  });

  it('does not resolve inherited property names as methods', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 42, null]) {
      const result = await router().dispatch(name, {});
      assert.equal(!result.ok && result.error.code, 'UNKNOWN_METHOD', String(name));
    }
  });

  it('answers input outside the schema with BAD_INPUT naming the field', async () => {
    const result = await router().dispatch('system.status', { extra: true });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'BAD_INPUT');
    assert.ok(Array.isArray(result.error.detail));
  });

  it('passes an AppError from a handler through with its code', async () => {
    const result = await router({
      'devices.list': () => {
        throw new AppError('DEVICES_RESTARTING', 'restarting');
      },
    }).dispatch('devices.list', {});
    assert.deepEqual(result, { ok: false, error: { code: 'DEVICES_RESTARTING', message: 'restarting' } });
  });

  it('turns any other throw into INTERNAL without leaking its message', async () => {
    const result = await router({
      'system.status': () => {
        throw new TypeError('secret internals');
      },
    }).dispatch('system.status', {});
    assert.equal(!result.ok && result.error.code, 'INTERNAL');
    assert.ok(!JSON.stringify(result).includes('secret internals'));
  });

  it('refuses an answer outside the contract with BAD_OUTPUT', async () => {
    const result = await router({
      'system.status': () => ({ ...status, version: 42 }) as unknown as SystemStatus,
    }).dispatch('system.status', {});
    assert.equal(!result.ok && result.error.code, 'BAD_OUTPUT');
  });
});
