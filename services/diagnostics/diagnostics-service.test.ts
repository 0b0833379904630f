import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Diagnostics, DiagnosticsExport } from '../../domain/diagnostics-api.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp } from '../app.ts';
import { ADMIN_PIN_SETTING } from '../admin/admin-service.ts';
import { createFileLogger } from '../file-log.ts';
import { redactLog } from './diagnostics-service.ts';

const PATIENT = { fullName: 'Hoàng Thị Mỹ Duyên', birthDate: '1987-04-09', sex: 'female', cccd: '079187004321', bhxhNumber: '7912345678', phone: '0987654321' };
const HIS_PASSWORD = 'his-Secret-Pass-9';
const PIN = '582937';

describe('diagnostics', () => {
  it('exports a zip of logs, diagnostics and settings with no secret, no PIN and no personal data', async () => {
    using dir = makeTempDir();
    const log = createFileLogger(dir.path);
    const app = await createApp({ dataDir: dir.path, mode: 'browser', deviceHost: false, log });
    // The clerks' PIN hashes are settings too, and stay out of the export.
    assert.ok((await app.router.dispatch('settings.clerks.set', { clerks: [{ code: 'NV01', name: 'Nguyễn Thị Lan', pin: '4826' }] })).ok);
    assert.ok((await app.router.dispatch('clerks.signIn', { code: 'NV01', pin: '4826' })).ok);
    assert.ok((await app.router.dispatch('patients.save', PATIENT)).ok);
    await app.secrets.set('his.password', HIS_PASSWORD);
    // A careless log line with a patient in it, as a bug elsewhere might write one.
    log.error(`lookup of ${PATIENT.cccd} (${PATIENT.fullName}, ${PATIENT.phone}) failed`, { patient: PATIENT, his: { password: HIS_PASSWORD } });
    app.config.log?.warn('desk check', { bhyt: 'DN4797912345678' });
    const it1 = {};
    assert.ok((await app.router.dispatch('admin.setPin', { pin: PIN }, it1)).ok);
    const clinics = await app.router.dispatch('settings.clinics.get', {}, it1);
    assert.ok(clinics.ok);
    assert.ok((await app.router.dispatch('settings.clinics.set', clinics.value, it1)).ok);

    // Rotated logs: the one rotated last goes in (redacted again), older ones stay out.
    writeFileSync(join(dir.path, 'logs', 'tiepdon.log.1'), `${JSON.stringify({ level: 'warn', message: `before rotation ${PATIENT.cccd}` })}\n`);
    writeFileSync(join(dir.path, 'logs', 'tiepdon.log.2'), 'older\n');
    const locked = await app.router.dispatch('diagnostics.export', {}, {});
    assert.equal(locked.ok ? 'ok' : locked.error.code, 'ADMIN_LOCKED');
    const caller = {};
    assert.equal((await app.router.dispatch('admin.unlock', { pin: '000000' }, caller)).ok, false);
    assert.ok((await app.router.dispatch('admin.unlock', { pin: PIN }, caller)).ok);
    const answer = await app.router.dispatch('diagnostics.export', {}, caller);
    assert.ok(answer.ok, JSON.stringify(answer));
    const exported = answer.value as DiagnosticsExport;
    const zip = readFileSync(exported.path);
    assert.equal(Buffer.from(exported.base64!, 'base64').equals(zip), true);
    assert.match(exported.fileName, /^tiepdon-diagnostics-.*\.zip$/);

    const files = unzipSync(new Uint8Array(zip));
    assert.deepEqual(Object.keys(files).filter((name) => !name.endsWith('/')).sort(), ['diagnostics.json', 'logs/tiepdon.log', 'logs/tiepdon.log.1', 'settings.json']);
    const everything = Object.values(files).map((bytes) => strFromU8(bytes)).join('\n');
    const pinHash = app.settings.get(ADMIN_PIN_SETTING);
    assert.ok(pinHash);
    for (const forbidden of [HIS_PASSWORD, PIN, 'scrypt', PATIENT.fullName, 'Hoàng', PATIENT.cccd, PATIENT.phone, PATIENT.bhxhNumber, '1987-04-09', 'DN4797912345678', pinHash.hash, pinHash.salt]) {
      assert.ok(!everything.includes(forbidden), `the export contains ${forbidden}`);
    }
    assert.match(strFromU8(files['logs/tiepdon.log']!), /lookup of \[CCCD\]/);
    assert.match(strFromU8(files['logs/tiepdon.log.1']!), /before rotation \[CCCD\]/);
    const settings = JSON.parse(strFromU8(files['settings.json']!)) as Record<string, unknown>;
    assert.ok('clinics' in settings);
    assert.ok(!Object.keys(settings).some((key) => key.startsWith('admin.')));

    const diagnostics = JSON.parse(strFromU8(files['diagnostics.json']!)) as Diagnostics;
    assert.equal(diagnostics.admin.pinSet, true);
    assert.equal((diagnostics.sync as { configured?: boolean } | undefined)?.configured, false, 'the HIS sync state, as sync.status answers it');
    assert.equal(diagnostics.versions.node, process.versions.node);
    assert.ok(diagnostics.recentErrors.some((e) => e.level === 'warn' && e.component === 'admin' && e.message.startsWith('admin PIN wrong')));
    await app.close();
  });

  it('redacts old log lines again, JSON or not', () => {
    const text = [
      JSON.stringify({ level: 'info', msg: 'saved', fullName: 'Lê Văn Tám' }),
      'plain line 001090012345 Lê Văn Tám',
      '',
    ].join('\n');
    assert.equal(redactLog(text), ['{"level":"info","msg":"saved","fullName":"[REDACTED]"}', 'plain line [CCCD] [NAME]'].join('\n'));
  });
});
