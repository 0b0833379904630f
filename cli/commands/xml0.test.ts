import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import type { PatientSaveResult } from '../../domain/patient.ts';
import type { VisitCreateResult } from '../../domain/visit-api.ts';
import { createApp } from '../../services/app.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { REPO_ROOT } from '../paths.ts';
import { runXml0 } from './xml0.ts';

const CLINIC = { id: 'K01', name: 'Phòng khám Nội', room: null, serviceCode: '02.1896', visitTypes: ['bhyt', 'fee-paying'] };

/** A data folder with one fee-paying visit; the facility code only when asked. */
async function dataWithVisit(dataDir: string, facilityCode: string | null): Promise<number> {
  const app = await createApp({ dataDir, mode: 'headless', deviceHost: false, desk: 'A' });
  try {
    assert.ok((await app.router.dispatch('settings.clinics.set', [CLINIC])).ok);
    if (facilityCode !== null) assert.ok((await app.router.dispatch('settings.facility.set', { code: facilityCode })).ok);
    const saved = await app.router.dispatch('patients.save', { fullName: 'Trần Thị Bình', birthDate: '1985', sex: 'female' });
    assert.ok(saved.ok);
    const created = await app.router.dispatch('visits.create', {
      patientId: (saved.value as PatientSaveResult).patient.id,
      visitType: 'fee-paying',
      clinicId: 'K01',
    });
    assert.ok(created.ok, JSON.stringify(created));
    return (created.value as VisitCreateResult).visit.id;
  } finally {
    await app.close();
  }
}

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const code = await runXml0(args, { stdout, stderr });
  return { code, out: out.join(''), err: err.join('') };
}

const recordOf = (xml: string) => new XMLParser({ parseTagValue: false }).parse(xml).CHI_TIEU_TRANG_THAI_KCB.DSACH_TRANG_THAI_KCB.TRANG_THAI_KCB;

describe('tiepdon xml0', () => {
  it("prints the visit's XML0 record", async () => {
    using dir = makeTempDir();
    const visitId = await dataWithVisit(dir.path, '79032');
    const { code, out, err } = await run(['--visit', String(visitId), '--data-dir', dir.path]);
    assert.equal(code, 0, err);
    assert.ok(out.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CHI_TIEU_TRANG_THAI_KCB>'));
    const record = recordOf(out);
    assert.equal(record.HO_TEN, 'Trần Thị Bình');
    assert.equal(record.NGAY_SINH, '198500000000');
    assert.equal(record.MA_CSKCB, '79032');
    assert.equal(err, '');
  });

  it('writes the file under its name into --out-dir, readable by its owner only', async () => {
    using dir = makeTempDir();
    const visitId = await dataWithVisit(dir.path, '79032');
    const outDir = join(dir.path, 'exports');
    const { code, out } = await run(['--visit', String(visitId), '--data-dir', dir.path, '--out-dir', outDir]);
    assert.equal(code, 0);
    const path = out.trim();
    assert.match(path, new RegExp(`/exports/XML0_79032_\\d{4}_\\d{2}_A_${visitId}\\.xml$`));
    assert.equal(recordOf(readFileSync(path, 'utf8')).MA_CSKCB, '79032');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('lists the missing elements on stderr and fails when the record is incomplete', async () => {
    using dir = makeTempDir();
    const visitId = await dataWithVisit(dir.path, null);
    const { code, out, err } = await run(['--visit', String(visitId), '--data-dir', dir.path]);
    assert.equal(code, 1);
    assert.equal(out, '');
    const lines = err.trimEnd().split('\n');
    assert.match(lines[0]!, /^XML0_INCOMPLETE: /);
    assert.deepEqual(lines.slice(1).map((line) => line.trim().split(':')[0]), ['MA_CSKCB missing']);
    const missing = await run(['--visit', '999', '--data-dir', dir.path]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^VISIT_NOT_FOUND: /);
  });

  it('shows usage for a missing or malformed visit id', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--visit', 'abc'])).code, 2);
    assert.equal((await run(['--visit', '0'])).code, 2);
    assert.equal((await run(['--frobnicate'])).code, 2);
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /tiepdon xml0 --visit ID/);
  });

  it('is reachable from the tiepdon command', () => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'cli', 'tiepdon.ts'), 'xml0', '--help'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /XML0_<MA_LK>\.xml/);
  });
});
