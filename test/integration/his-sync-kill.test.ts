/**
 * Exactly once through crashes: the desk's sync process is killed with
 * SIGKILL at a random HIS call, 100 times, while it drains check-ins and
 * cancellations from a real SQLite file to the FHIR engine (which runs in a
 * process of its own and survives). Then one last run drains the rest, and
 * every check-in must be at the HIS exactly once — one encounter per visit,
 * one patient per CCCD — with every cancellation applied after its creation.
 */
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createCheckinStore } from '../../db/checkin-store.ts';
import { openDatabase } from '../../db/connection.ts';
import { DEFAULT_FHIR_SYSTEMS as SYS } from '../../domain/his/fhir-systems.ts';
import { startSimProcess, type SimProcess } from '../../native/sim/his/sim-process-client.ts';
import { seedCheckins } from '../../services/his-sync/testing/checkin-fixtures.ts';
import { enqueueVisitChange } from '../../services/his-sync/visit-changes.ts';
import { makeTempDir } from '../rig/temp-dir.ts';
import type { HostMessage } from './his-sync-host.ts';

const KILLS = 100;
const KILLS_PER_STEP = 10;
const CHECKINS = 240;
const PATIENTS = 200;
const CANCEL_EVERY = 6;
const HOST = fileURLToPath(new URL('./his-sync-host.ts', import.meta.url));

/** A seeded generator: a failing run can be replayed with the seed it prints. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('HIS sync killed with SIGKILL at random points, 100 times', () => {
  const dir = makeTempDir('tiepdon-kill-');
  const file = join(dir.path, 'tiepdon.db');
  const key = randomBytes(32);
  const seed = Number(process.env['TIEPDON_KILL_SEED'] ?? Date.now() % 1_000_000);
  const random = mulberry32(seed);
  let sim: SimProcess;
  let cancelled: number[] = [];

  before(async () => {
    sim = await startSimProcess();
    const opened = openDatabase({ file, key });
    const store = createCheckinStore(opened.db);
    const visitIds = seedCheckins(store, CHECKINS, PATIENTS);
    cancelled = visitIds.filter((_, i) => i % CANCEL_EVERY === 0);
    store.transaction(() => {
      for (const visitId of cancelled) {
        store.visits.update(visitId, { status: 'cancelled' });
        enqueueVisitChange(store, visitId, { type: 'cancellation', reasonCode: 'patient-left', at: '2026-11-23T02:00:00.000Z' });
      }
    });
    opened.close();
  });
  after(async () => {
    await sim.stop();
    dir[Symbol.dispose]();
  });

  const startHost = (): ChildProcess =>
    fork(HOST, [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        TIEPDON_KILL_DB: file,
        TIEPDON_KILL_KEY: key.toString('hex'),
        TIEPDON_KILL_HIS: sim.url,
        // 101 starts of the same code: Node's compile cache halves each start.
        NODE_COMPILE_CACHE: join(dir.path, 'compile-cache'),
      },
    });

  it('leaves every check-in at the HIS exactly once, every cancellation after its check-in', async (t) => {
    t.diagnostic(`seed ${seed} (replay with TIEPDON_KILL_SEED=${seed})`);
    let killedDuringSync = 0;
    /** One start of the sync process, killed at the k-th HIS call it starts (1–6), or, once drained, as soon as it says so. */
    async function killOnce(run: number): Promise<void> {
      const host = startHost();
      const exited = once(host, 'exit');
      const killAt = 1 + Math.floor(random() * 6);
      let calls = 0;
      await new Promise<void>((resolve) => {
        host.on('message', (message: HostMessage) => {
          if (message.type === 'call') calls += 1;
          if ((message.type === 'call' && calls === killAt) || message.type === 'drained') {
            if (message.type === 'call') killedDuringSync += 1;
            host.kill('SIGKILL');
            resolve();
          }
        });
        host.on('exit', () => resolve());
      });
      const [code, signal] = (await exited) as [number | null, string | null];
      assert.equal(signal, 'SIGKILL', `run ${run} ended by ${signal ?? `exit ${code}`}, not by the kill`);
    }
    // In steps of ten, each reported as it ends: on a loaded machine the hundred starts take minutes.
    for (let from = 0; from < KILLS; from += KILLS_PER_STEP) {
      await t.test(`kills ${from + 1}–${from + KILLS_PER_STEP}`, async () => {
        for (let run = from; run < from + KILLS_PER_STEP; run += 1) await killOnce(run);
      });
    }
    t.diagnostic(`${killedDuringSync} of ${KILLS} kills landed inside an HIS call`);
    assert.ok(killedDuringSync >= KILLS / 2, 'most kills land during sync');

    // One last run, left alone until the outbox is empty.
    const last = startHost();
    await new Promise<void>((resolve, reject) => {
      last.on('message', (message: HostMessage) => message.type === 'drained' && resolve());
      last.on('exit', (code) => reject(new Error(`the last run exited (${code}) before draining`)));
    });
    last.removeAllListeners('exit');
    const lastExit = once(last, 'exit');
    last.disconnect();
    await lastExit;

    const encounters = await sim.count('Encounter', SYS.visit);
    const patients = await sim.count('Patient', SYS.cccd);
    assert.deepEqual(encounters, { resources: CHECKINS, distinct: CHECKINS }, 'one encounter per check-in');
    assert.deepEqual(patients, { resources: PATIENTS, distinct: PATIENTS }, 'one patient per CCCD');

    const opened = openDatabase({ file, key });
    try {
      const rows = opened.db.prepare(`SELECT status, count(*) AS n FROM outbox GROUP BY status`).all() as { status: string; n: number }[];
      assert.deepEqual(rows, [{ status: 'sent', n: CHECKINS + cancelled.length }]);
    } finally {
      opened.close();
    }
    const statuses = await fetchStatuses(sim.url);
    for (const visitId of cancelled) assert.deepEqual(statuses.get(`desk1-${visitId}`), { status: 'cancelled', history: ['arrived'] }, `visit ${visitId}`);
    const arrived = [...statuses.values()].filter((s) => s.status === 'arrived').length;
    assert.equal(arrived, CHECKINS - cancelled.length);
  });
});

/** Every encounter's status and status history, by visit key. */
async function fetchStatuses(base: string): Promise<Map<string, { status: string; history: string[] }>> {
  const reply = await fetch(`${base}/Encounter?_count=10000`);
  const bundle = (await reply.json()) as { entry?: { resource: { status: string; identifier?: { system: string; value: string }[]; statusHistory?: { status: string }[] } }[] };
  const statuses = new Map<string, { status: string; history: string[] }>();
  for (const { resource } of bundle.entry ?? []) {
    const key = resource.identifier?.find((i) => i.system === SYS.visit)?.value;
    if (key) statuses.set(key, { status: resource.status, history: (resource.statusHistory ?? []).map((h) => h.status) });
  }
  return statuses;
}
