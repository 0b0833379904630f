/**
 * The desk's sync side as its own process, for the kill test: opens the
 * SQLite file, starts the outbox worker against the FHIR server, and tells
 * the parent over IPC when it is ready, when each HIS call starts (the
 * parent kills it at one of those moments), and when the outbox is drained.
 */
import { createCheckinStore } from '../../db/checkin-store.ts';
import { openDatabase } from '../../db/connection.ts';
import { createHisOutbox } from '../../db/his-outbox.ts';
import { createFhirHisAdapter } from '../../services/his-sync/fhir/fhir-his-adapter.ts';
import type { HisAdapter } from '../../services/his-sync/his-adapter.ts';
import { createSyncWorker } from '../../services/his-sync/sync-worker.ts';

export type HostMessage = { type: 'ready' } | { type: 'call' } | { type: 'drained' };

const file = process.env['TIEPDON_KILL_DB'];
const key = process.env['TIEPDON_KILL_KEY'];
const url = process.env['TIEPDON_KILL_HIS'];
if (!file || !key || !url) throw new Error('TIEPDON_KILL_DB, TIEPDON_KILL_KEY and TIEPDON_KILL_HIS are required');

const send = (message: HostMessage) => process.send?.(message);
const opened = openDatabase({ file, key: Buffer.from(key, 'hex') });
const store = createCheckinStore(opened.db);
const outbox = createHisOutbox(opened.db);
const fhir = createFhirHisAdapter({ baseUrl: url, auth: { kind: 'none' }, timeoutMs: 10_000 });

/** Every call announces itself first: the parent's SIGKILL lands somewhere inside it. */
const his = new Proxy(fhir, {
  get(target, property, receiver) {
    const member = Reflect.get(target, property, receiver) as unknown;
    if (typeof member !== 'function') return member;
    return (...args: unknown[]) => {
      send({ type: 'call' });
      return (member as (...a: unknown[]) => unknown).apply(target, args);
    };
  },
}) as HisAdapter;

const worker = createSyncWorker({
  outbox,
  his,
  patient: (id) => store.patients.get(id),
  batchSize: Number(process.env['TIEPDON_KILL_BATCH'] ?? 4),
  idlePollMs: 20,
  policy: { baseMs: 10, maxMs: 50, maxRetryAfterMs: 1_000 },
  onChange: () => {
    const status = outbox.status();
    if (status.pending === 0 && status.attention === 0) send({ type: 'drained' });
  },
});
worker.start();
send({ type: 'ready' });
if (outbox.status().pending === 0) send({ type: 'drained' });
process.on('disconnect', () => {
  void worker.stop().then(() => {
    fhir.close();
    opened.close();
    process.exit(0);
  });
});
