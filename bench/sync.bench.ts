/**
 * Drains 10,000 queued check-ins (test patients, not people) from an
 * encrypted SQLite outbox to the local FHIR engine, which runs in its own
 * process: items per second, the desk's CPU per item and the server's apart, and duplicates at the HIS (patients and encounters holding the
 * same business identifier twice: must be 0). TIEPDON_BENCH_CHECKINS
 * overrides the count.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCheckinStore } from '../db/checkin-store.ts';
import { openDatabase } from '../db/connection.ts';
import { createHisOutbox } from '../db/his-outbox.ts';
import { DEFAULT_FHIR_SYSTEMS as SYS } from '../domain/his/fhir-systems.ts';
import { startSimProcess } from '../native/sim/his/sim-process-client.ts';
import { createFhirHisAdapter } from '../services/his-sync/fhir/fhir-his-adapter.ts';
import { createSyncWorker } from '../services/his-sync/sync-worker.ts';
import { seedCheckins } from '../services/his-sync/testing/checkin-fixtures.ts';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { sized, type Benchmark } from './benchmark.ts';
import { round } from './stats.ts';

const FULL_CHECKINS = Number(process.env.TIEPDON_BENCH_CHECKINS ?? 10_000);

const benchmark: Benchmark = {
  description: `drain ${FULL_CHECKINS} queued check-ins to the local FHIR engine (separate process)`,
  async run(options) {
    const CHECKINS = sized(options, FULL_CHECKINS, 200);
    /** Some patients come more than once: 1 in 5 check-ins is a returning patient. */
    const PATIENTS = Math.ceil(CHECKINS * 0.8);
    using dir = makeTempDir('tiepdon-bench-sync-');
    const opened = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: randomBytes(32) });
    const sim = await startSimProcess();
    try {
      const store = createCheckinStore(opened.db);
      const seedStarted = performance.now();
      seedCheckins(store, CHECKINS, PATIENTS);
      const seedMs = performance.now() - seedStarted;
      const outbox = createHisOutbox(opened.db);
      const his = createFhirHisAdapter({ baseUrl: sim.url, auth: { kind: 'none' }, timeoutMs: 30_000 });
      const worker = createSyncWorker({ outbox, his, patient: (id) => store.patients.get(id), batchSize: 64 });

      const serverCpuBefore = await sim.cpuMs();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      let rounds = 0;
      while ((await worker.tick()) > 0) rounds += 1;
      const elapsedMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const serverCpuMs = (await sim.cpuMs()) - serverCpuBefore;
      his.close();

      const status = outbox.status();
      const patients = await sim.count('Patient', SYS.cccd);
      const encounters = await sim.count('Encounter', SYS.visit);
      return {
        checkins: CHECKINS,
        patients: PATIENTS,
        seedMs: round(seedMs),
        drainMs: round(elapsedMs),
        itemsPerSecond: round((CHECKINS / elapsedMs) * 1000),
        deskCpuMsPerItem: round((cpu.user + cpu.system) / 1000 / CHECKINS, 3),
        serverCpuMsPerItem: round(serverCpuMs / CHECKINS, 3),
        /** Other work on the machine competes for its cores: read the rate with it. */
        loadAverage1m: round(loadavg()[0] ?? 0, 2),
        rounds,
        sent: CHECKINS - status.pending - status.attention,
        pending: status.pending,
        attention: status.attention,
        hisPatients: patients.resources,
        hisEncounters: encounters.resources,
        duplicates: patients.resources - patients.distinct + (encounters.resources - encounters.distinct),
        target: '>= 500 items/s, 0 duplicates',
      };
    } finally {
      await sim.stop();
      opened.close();
    }
  },
};

export default benchmark;
