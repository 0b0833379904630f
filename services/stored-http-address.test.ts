/**
 * Settings saved before https was required can hold a plain http:// address
 * for the HIS or the BHXH gateway. They still load (the rest of the section is
 * kept), but no connection is made to them: each service refuses with its own
 * typed reason, in the status, the connection test and an insurance check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InsuranceCheckView, InsuranceTestResult } from '../domain/insurance-api.ts';
import type { HisTestResult, SyncStatus } from '../domain/sync-api.ts';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { createApp, type App } from './app.ts';
import { HIS_SETTINGS, HIS_TOKEN_SECRET } from './his-sync/his-settings.ts';
import { BHXH_PASSWORD_SECRET, INSURANCE_SETTINGS, passwordMd5 } from './insurance/insurance-settings.ts';

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

describe('an http:// HIS or gateway address stored before https was required', () => {
  const dir = makeTempDir();
  let app: App;

  before(async () => {
    app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'desk-A', insuranceRetry: { gateway: { attempts: 1, baseMs: 1, maxMs: 1 } } });
    // As an older version saved them: straight into the settings, past today's input checks.
    app.settings.set(HIS_SETTINGS, { baseUrl: 'http://his.benhvien.vn/fhir', authKind: 'bearer' });
    await app.secrets.set(HIS_TOKEN_SECRET, 'desk-token');
    app.settings.set(INSURANCE_SETTINGS, { baseUrl: 'http://egw.baohiemxahoi.gov.vn', username: '01013_BV', staffName: 'Cán bộ A', staffCccd: '001190000001' });
    await app.secrets.set(BHXH_PASSWORD_SECRET, passwordMd5('secret'));
  });
  after(async () => {
    await app.close();
    dir[Symbol.dispose]();
  });

  it('is shown as stored, so IT sees what to correct', async () => {
    assert.equal(value<{ baseUrl: string }>(await app.router.dispatch('settings.his.get', {})).baseUrl, 'http://his.benhvien.vn/fhir');
    assert.equal(value<{ username: string }>(await app.router.dispatch('settings.insurance.get', {})).username, '01013_BV');
  });

  it('HIS: no sync starts, and the status and the connection test say why', async () => {
    await app.sync.start();
    const status = value<SyncStatus>(await app.router.dispatch('sync.status', {}));
    assert.deepEqual([status.configured, status.lastFailure], [false, 'HIS_INSECURE_ADDRESS']);
    assert.equal(app.sync.adapter(), null);
    const tested = value<HisTestResult>(await app.router.dispatch('settings.his.test', {}));
    assert.equal(tested.ok ? 'ok' : tested.code, 'HIS_INSECURE_ADDRESS');
  });

  it('BHXH gateway: the login test and a card check are refused as insecure-address, not tried', async () => {
    assert.deepEqual(value<InsuranceTestResult>(await app.router.dispatch('settings.insurance.test', {})), { ok: false, reason: 'insecure-address', code: null });
    const { patient } = value<{ patient: { id: number } }>(
      await app.router.dispatch('patients.save', { fullName: 'Trần Thị Bình', birthDate: '1985-03-02', sex: 'female', cccd: '079185000123' }),
    );
    const check = value<InsuranceCheckView>(await app.router.dispatch('insurance.check', { patientId: patient.id }));
    assert.deepEqual([check.status, check.lastFailure], ['needs-review', 'insecure-address']);
  });

  it('is refused when saved again as typed, at its field', async () => {
    for (const [method, input] of [
      ['settings.his.set', { baseUrl: 'http://his.benhvien.vn/fhir', authKind: 'bearer' }],
      ['settings.insurance.set', { baseUrl: 'http://egw.baohiemxahoi.gov.vn', username: '01013_BV' }],
    ] as const) {
      const refused = await app.router.dispatch(method, input);
      assert.ok(!refused.ok, method);
      assert.equal(refused.error.code, 'BAD_INPUT');
      assert.deepEqual((refused.error.detail as { path: string[]; rule: string }[]).map((issue) => [issue.path.join('.'), issue.rule]), [['baseUrl', 'https_required']], method);
    }
  });
});
