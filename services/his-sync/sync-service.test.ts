import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHisOutbox } from '../../db/his-outbox.ts';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import { AppError } from '../../domain/errors.ts';
import { HisSettingsSchema, type SyncStatus } from '../../domain/sync-api.ts';
import { createLogger } from '../log.ts';
import type { FhirHisAdapter, FhirHisAdapterOptions } from './fhir/fhir-his-adapter.ts';
import type { HisSettingsStore } from './his-settings.ts';
import { createSyncService } from './sync-service.ts';

const CONNECTION: FhirHisAdapterOptions = { baseUrl: 'http://his.test/fhir', auth: { kind: 'bearer', token: 'desk-secret-token' }, timeoutMs: 1_000 };

/** Settings whose connection() waits until the test opens the gate, or fails as told. */
function gatedSettings(connection: () => FhirHisAdapterOptions | null = () => CONNECTION) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let reads = 0;
  let read!: () => void;
  const requested = new Promise<void>((resolve) => (read = resolve));
  const settings: HisSettingsStore = {
    get: () => HisSettingsSchema.parse({}),
    view: async () => ({ ...HisSettingsSchema.parse({}), tokenSet: true, passwordSet: false }),
    set: async () => ({ ...HisSettingsSchema.parse({}), tokenSet: true, passwordSet: false }),
    async connection() {
      reads += 1;
      read();
      await gate;
      return connection();
    },
  };
  return {
    settings,
    open,
    /** Resolves once connection() has been asked for. */
    requested,
    get reads() {
      return reads;
    },
  };
}

/** A sync service over an empty outbox whose adapters only count being made and closed. */
function setup(settings: HisSettingsStore) {
  const t = openTestDatabase();
  const adapters = { created: 0, closed: 0 };
  const lines: string[] = [];
  const statuses: SyncStatus[] = [];
  const sync = createSyncService({
    outbox: createHisOutbox(t.db),
    patient: () => undefined,
    settings,
    log: createLogger((line) => lines.push(line), 'debug'),
    onChange: (status) => statuses.push(status),
    worker: { idlePollMs: 60_000 },
    statusPollMs: 60_000,
    createAdapter: () => {
      adapters.created += 1;
      return { close: () => (adapters.closed += 1) } as unknown as FhirHisAdapter;
    },
  });
  return { sync, adapters, lines, statuses, [Symbol.dispose]: () => t[Symbol.dispose]() };
}

const INPUT = { ...HisSettingsSchema.parse({ baseUrl: 'http://his.test/fhir' }) };

describe('HIS sync service', () => {
  it('starts without an HIS when the stored secret cannot be read, and says why in the status', async () => {
    const failing = gatedSettings(() => {
      throw new AppError('SECRETS_UNAVAILABLE', 'The stored secret cannot be decrypted');
    });
    failing.open();
    using s = setup(failing.settings);
    await s.sync.start();
    assert.deepEqual([s.sync.status().configured, s.sync.status().lastFailure], [false, 'HIS_CREDENTIALS_UNREADABLE']);
    assert.equal(s.statuses.at(-1)?.lastFailure, 'HIS_CREDENTIALS_UNREADABLE', 'the indicator hears of it');
    assert.equal(s.adapters.created, 0);
    const tested = await s.sync.test();
    assert.equal(tested.ok ? 'ok' : tested.code, 'HIS_CREDENTIALS_UNREADABLE');
    const logged = s.lines.join('\n');
    assert.match(logged, /SECRETS_UNAVAILABLE/);
    assert.doesNotMatch(logged, /desk-secret-token|decrypted/, 'the code only, no secret, no message');
    await s.sync.close();
  });

  it('runs one worker when two settings changes are in flight at once', async () => {
    const gated = gatedSettings();
    using s = setup(gated.settings);
    const first = s.sync.setSettings(INPUT);
    const second = s.sync.setSettings(INPUT);
    gated.open();
    await Promise.all([first, second]);
    assert.equal(gated.reads, 2);
    assert.deepEqual(s.adapters, { created: 2, closed: 1 }, 'the first worker was stopped before the second started');
    await s.sync.close();
    assert.deepEqual(s.adapters, { created: 2, closed: 2 });
  });

  it('starts no worker when it is closed while the settings are being read', async () => {
    const gated = gatedSettings();
    using s = setup(gated.settings);
    const started = s.sync.start();
    await gated.requested;
    const closed = s.sync.close();
    gated.open();
    await Promise.all([started, closed]);
    assert.equal(s.adapters.created, 0, 'no worker outlives close()');
    assert.equal(s.sync.adapter(), null);
  });
});
