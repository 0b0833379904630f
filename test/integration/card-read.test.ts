/**
 * The chip ID card read through the whole stack: pcscd with vpcd's readers, a
 * virtual CCCD in its own process, the app's device host, and the card service
 * with its events, log and trust store. Each test puts in the card it needs and
 * takes it out again; nothing sleeps, every wait is on an app event.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DevicesSnapshot, ReaderInfo } from '../../domain/api.ts';
import type { CardAccessKey, CardProgress, CardReadResult, CardResultEvent } from '../../domain/card.ts';
import type { ErrorCode } from '../../domain/errors.ts';
import type { HostApduTrace } from '../../native/devicehost/protocol.ts';
import { CCCD_CARD_SPEC, type CccdCardOptions } from '../../native/sim/cccd-card-options.ts';
import { createCardPki } from '../../native/sim/cccd-pki.ts';
import { DEFAULT_PROFILE, loadPhoto } from '../../native/sim/cccd-profile.ts';
import { DEFAULT_ATR } from '../../native/sim/default-card.ts';
import type { CardSpec } from '../../native/sim/card.ts';
import { DEFAULT_CARD, startVirtualCard, type VirtualCard } from '../../native/sim/virtual-card.ts';
import { createApp, type App } from '../../services/app.ts';
import type { CardReadOptions, CardReadOutcome } from '../../services/card/card-service.ts';
import { cscaFolder } from '../../services/card/trust-store.ts';
import { createLogger } from '../../services/log.ts';
import { waitForEvent } from '../rig/events.ts';
import { pcscRigMissing, startPcscd, type Pcscd, type VpcdSlot } from '../rig/pcscd.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

const PROFILE = DEFAULT_PROFILE;
const ID_KEY: CardAccessKey = { kind: 'cccd-id', id: PROFILE.idNumber };
/** A valid ID number, but another person's: its CAN is not this card's. */
const WRONG_ID = '001090054321';
const EVENT_TIMEOUT_MS = 30_000;
/** The codes a card pulled out mid-read may give; never INTERNAL or BAD_OUTPUT. */
const REMOVAL_CODES: ReadonlySet<ErrorCode> = new Set(['CARD_REMOVED']);
/**
 * The removal sweep. Each position costs four reader changes (insert, removal,
 * insert, removal) that pcscd notices by polling vpcd every 400 ms: about 1.6 s
 * per position and reader, so all ~108 positions of a full read would take
 * ~90 s on the two vpcd readers. Instead: every position up to FIRST_POSITIONS
 * (EF.CardAccess, PACE, the application, EF.COM), every command that starts a
 * step (a file's first READ BINARY, chip and active authentication), the last
 * one, and every EVERY-th position in between.
 */
const FIRST_POSITIONS = 20;
const EVERY = 4;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

type ReadRequest = Parameters<App['card']['read']>[0];
/** A full read of a fresh default card: its APDU count and trace. */
interface ReferenceRead {
  apdus: number;
  trace: HostApduTrace[];
}

const insOf = (line: HostApduTrace): string => line.header.split(' ')[1] ?? '';
const isReadBinary = (line: HostApduTrace): boolean => insOf(line) === 'B0' || insOf(line) === 'B1';

describe('the chip ID card read through pcscd, vpcd, a virtual CCCD and the device host', { skip: pcscRigMissing() }, () => {
  const dir = makeTempDir();
  const logLines: string[] = [];
  /** Cards share one PKI: the same CSCA, and no key generation per card for it. */
  const pki = createCardPki();
  let pcscd: Pcscd;
  /** The profile's photo as a read returns it. */
  let profilePhoto: string;
  let slot: VpcdSlot;
  let app: App;
  /** The app's events by name, for waitForEvent. */
  const events = new EventEmitter();
  let latest: DevicesSnapshot | undefined;
  const cards = new Set<VirtualCard>();
  /** What a full read of a fresh default card takes: read once, by whichever test needs it first. */
  let reference: Promise<ReferenceRead> | undefined;
  const referenceRead = (): Promise<ReferenceRead> => (reference ??= readReference());

  const readerIn = (snapshot: DevicesSnapshot | undefined, on: VpcdSlot) => snapshot?.readers.find((r) => r.name === on.readerName);

  /** Resolves once the latest devices.changed event, or a later one, shows the slot's reader as `accept` wants. */
  async function readerWhen(on: VpcdSlot, accept: (reader: ReaderInfo) => boolean, what: string): Promise<void> {
    const now = readerIn(latest, on);
    if (now && accept(now)) return;
    await waitForEvent<DevicesSnapshot>(
      events,
      'devices.changed',
      (snapshot) => {
        const reader = readerIn(snapshot, on);
        return !!reader && accept(reader);
      },
      EVENT_TIMEOUT_MS,
    ).catch((error: unknown) => {
      throw new Error(`${on.readerName}: ${what}: ${error instanceof Error ? error.message : String(error)}\n${pcscd.recentOutput()}`);
    });
  }

  const cardIn = (on: VpcdSlot) => readerWhen(on, (r) => r.cardPresent, 'no card seen');
  const readerEmpty = (on: VpcdSlot) => readerWhen(on, (r) => !r.cardPresent, 'the card did not leave');

  async function startCard(on: VpcdSlot, spec: CardSpec): Promise<VirtualCard> {
    const card = await startVirtualCard({ port: on.port, card: spec });
    cards.add(card);
    return card;
  }

  const cccd = (options: CccdCardOptions = {}): CardSpec => ({ ...CCCD_CARD_SPEC, options: { pki, ...options } });

  async function insert(on: VpcdSlot, card: VirtualCard): Promise<void> {
    await card.insert();
    await cardIn(on);
  }

  async function takeOut(on: VpcdSlot, card: VirtualCard): Promise<void> {
    await card.stop();
    cards.delete(card);
    await readerEmpty(on);
  }

  /** A card in the slot for the length of `use`, out again afterwards. */
  async function withCard<T>(spec: CardSpec, use: (card: VirtualCard) => Promise<T>, on: VpcdSlot = slot): Promise<T> {
    const card = await startCard(on, spec);
    try {
      await insert(on, card);
      return await use(card);
    } finally {
      await takeOut(on, card);
    }
  }

  function read(key: CardAccessKey, options: CardReadOptions = {}, on: VpcdSlot = slot): Promise<CardReadOutcome> {
    const request: ReadRequest = { reader: on.readerName, key, photo: true };
    return app.card.read(request, options);
  }

  function assertRead(outcome: CardReadOutcome): CardReadResult {
    if (!outcome.ok) assert.fail(`the read failed: ${outcome.error.code}: ${outcome.error.message}`);
    return outcome.value;
  }

  function assertError(outcome: CardReadOutcome, codes: ReadonlySet<ErrorCode> | ErrorCode): { code: ErrorCode; message: string } {
    if (outcome.ok) assert.fail('the read succeeded');
    const allowed = typeof codes === 'string' ? new Set([codes]) : codes;
    assert.ok(allowed.has(outcome.error.code), `${outcome.error.code}: ${outcome.error.message}`);
    assert.ok(!('value' in outcome), 'a failed read carries no holder data');
    return outcome.error;
  }

  /** Records the app's `name` events from now until stop(). */
  function recorder<E>(name: string): { seen: { at: number; value: E }[]; stop(): void } {
    const seen: { at: number; value: E }[] = [];
    const listener = (value: E) => seen.push({ at: performance.now(), value });
    events.on(name, listener);
    return { seen, stop: () => events.off(name, listener) };
  }

  async function readReference(): Promise<ReferenceRead> {
    const outcome = await withCard(cccd(), () => read(ID_KEY, { trace: { showData: false } }));
    const value = assertRead(outcome);
    return { apdus: value.timing.apdus, trace: outcome.trace ?? [] };
  }

  before(async () => {
    pcscd = await startPcscd();
    profilePhoto = `data:image/jpeg;base64,${Buffer.from(await loadPhoto(PROFILE)).toString('base64')}`;
    slot = pcscd.slots[0]!;
    app = await createApp({ dataDir: dir.path, mode: 'headless', log: createLogger((line) => logLines.push(line), 'debug') });
    app.events.subscribe((name, payload) => {
      if (name === 'devices.changed') latest = payload as DevicesSnapshot;
      events.emit(name, payload);
    });
    if (app.deviceHost?.state !== 'running') await waitForEvent(app.deviceHost!, 'state', (s) => s === 'running');
    // A card left in by an earlier run would answer instead of ours.
    for (const each of pcscd.slots) await readerEmpty(each);
  });

  after(async () => {
    for (const card of cards) await card.stop();
    await app?.close();
    await pcscd?.stop();
    dir[Symbol.dispose]();
  });

  it('reads the whole card by PACE-CAN with the ID number, with progress per file and a card.result event', async (t) => {
    await withCard(cccd(), async () => {
      const progressEvents = recorder<CardProgress>('card.progress');
      const resultEvents = recorder<CardResultEvent>('card.result');
      const started = performance.now();
      const outcome = await read(ID_KEY, { trace: { showData: false } }).finally(() => {
        progressEvents.stop();
        resultEvents.stop();
      });
      const ms = performance.now() - started;
      const value = assertRead(outcome);

      assert.deepEqual(
        value.holder,
        {
          idNumber: PROFILE.idNumber,
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '1990-03-15',
          sex: 'male',
          nationality: 'Việt Nam',
          ethnicity: 'Kinh',
          religion: 'Không',
          placeOfOrigin: PROFILE.placeOfOrigin,
          placeOfResidence: PROFILE.placeOfResidence,
          identifyingMarks: PROFILE.identifyingMarks,
          dateOfIssue: '2021-06-20',
          dateOfExpiry: '2030-03-15',
          fatherName: PROFILE.fatherName,
          motherName: PROFILE.motherName,
          spouseName: PROFILE.spouseName,
          oldIdNumber: PROFILE.oldIdNumber,
        },
      );
      assert.equal(value.holder.fullName, value.holder.fullName?.normalize('NFC'), 'the name is composed (NFC)');
      assert.equal(value.mrz?.checkDigitsValid, true);
      assert.deepEqual(value.warnings, []);

      assert.ok(value.photo, 'a photo');
      assert.match(value.photo.dataUrl, /^data:image\/jpeg;base64,/);
      assert.equal(value.photo.sourceFormat, 'jpeg');
      const photo = Buffer.from(value.photo.dataUrl.slice(value.photo.dataUrl.indexOf(',') + 1), 'base64');
      assert.deepEqual(new Uint8Array(photo), await loadPhoto(PROFILE), 'the photo is the profile photo, byte for byte');
      assert.equal(value.photo.dataUrl, profilePhoto);

      assert.deepEqual(value.access, { protocol: 'PACE-CAN', cardAccessSource: 'card' });
      assert.equal(value.verification.active.status, 'passed', value.verification.active.detail);
      assert.equal(value.verification.chip.status, 'passed', value.verification.chip.detail);
      assert.equal(value.verification.passive.status, 'chain-unknown', 'no CSCA in the trust store yet');
      assert.equal(value.reader, slot.readerName);
      assert.ok(value.timing.apdus > 0);
      assert.equal(resultEvents.seen.length, 1, 'one card.result event per read');
      const [resultEvent] = resultEvents.seen;
      assert.ok(resultEvent?.value.ok, 'card.result says ok');
      assert.equal(resultEvent.value.reader, slot.readerName);
      assert.equal(resultEvent.value.result.holder.idNumber, PROFILE.idNumber);
      assert.equal(outcome.trace?.length, value.timing.apdus, 'one trace line per APDU');

      // Progress: every file that was read shows up, and DG2's reaches its total.
      const progress = progressEvents.seen.map((event) => event.value);
      assert.ok(progress.every((p) => p.reader === slot.readerName));
      assert.deepEqual([...new Set(progress.map((p) => p.step))].sort(), ['authenticating', 'connecting', 'reading', 'verifying']);
      assert.equal(progress[0]?.step, 'connecting');
      const filesInProgress = new Set(progress.flatMap((p) => (p.file ? [p.file] : [])));
      for (const { file } of value.timing.files) assert.ok(filesInProgress.has(file), `progress for ${file}`);
      const dg2 = progress.filter((p) => p.file === 'DG2');
      const dg2Bytes = value.timing.files.find((f) => f.file === 'DG2')?.bytes;
      assert.ok(dg2.length > 10, `DG2 progress in steps (${dg2.length} events)`);
      assert.ok(dg2.every((p, i) => i === 0 || (p.bytesRead ?? 0) >= (dg2[i - 1]?.bytesRead ?? 0)), 'bytesRead never goes back');
      assert.equal(dg2.at(-1)?.bytesRead, dg2Bytes);
      assert.equal(dg2.at(-1)?.totalBytes, dg2Bytes);

      t.diagnostic(
        `full read: ${ms.toFixed(0)} ms, ${value.timing.apdus} APDUs, ${progress.length} progress events; ` +
          value.timing.files.map((f) => `${f.file} ${f.bytes} B ${f.ms} ms`).join(', '),
      );
    });
    assertNoPersonalData(logLines);
  });

  it('opens by BAC with the expiry derived from the dates when the card offers no PACE', async (t) => {
    await withCard(cccd({ access: { pace: false } }), async () => {
      const started = performance.now();
      const outcome = await read({ ...ID_KEY, dateOfBirth: PROFILE.dateOfBirth, dateOfIssue: PROFILE.dateOfIssue }, { trace: { showData: false } });
      const value = assertRead(outcome);
      assert.deepEqual(value.access, { protocol: 'BAC', cardAccessSource: 'known-cccd' });
      // The expiry derived from the birth and issue dates is the first BAC key tried, and the right one.
      const bacAttempts = (outcome.trace ?? []).filter((line) => line.header === '00 82 00 00');
      assert.deepEqual(bacAttempts.map((line) => line.sw), ['9000']);
      assert.equal(value.holder.idNumber, PROFILE.idNumber);
      assert.equal(value.holder.fullName, PROFILE.fullName);
      assert.equal(value.photo?.dataUrl, profilePhoto);
      assert.equal(value.verification.active.status, 'passed');
      assert.equal(value.verification.chip.status, 'passed');
      t.diagnostic(`BAC read: ${(performance.now() - started).toFixed(0)} ms, ${value.timing.apdus} APDUs`);
    });
  });

  it('checks passive authentication against the CSCA folder: chain-unknown, valid, and invalid on a tampered DG13', async () => {
    const folder = cscaFolder(dir.path);
    const trusted = join(folder, 'sim-csca.pem');
    try {
      // A card that makes its own PKI, as `sim card` does.
      await withCard({ ...CCCD_CARD_SPEC, options: {} }, async () => {
        const unknown = assertRead(await read(ID_KEY));
        assert.equal(unknown.verification.passive.status, 'chain-unknown', unknown.verification.passive.detail);
        // The sim's PKI comes from fixed seeds: the CSCA `sim card` writes out is the one every card uses.
        writeFileSync(trusted, createCardPki().cscaCertificatePem);
        const valid = assertRead(await read(ID_KEY));
        assert.equal(valid.verification.passive.status, 'valid', valid.verification.passive.detail);
      });
      await withCard(cccd({ tamper: { file: 'DG13' } }), async () => {
        const tampered = await read(ID_KEY);
        const value = assertRead(tampered);
        assert.equal(value.verification.passive.status, 'invalid');
        assert.match(value.verification.passive.detail, /DG13/);
        assert.doesNotMatch(value.verification.passive.detail, /DG1\b|DG2\b|DG14|DG15/, 'only DG13 is named');
      });
    } finally {
      rmSync(trusted, { force: true });
    }
  });

  it('fails a read with a wrong response MAC as CARD_READ_FAILED, without holder data, and reads the card after', async () => {
    // Command 12 is a READ BINARY of DG1 under secure messaging.
    await withCard(cccd({ faults: { wrongMacOnResponse: 12 } }), async () => {
      const results = recorder<CardResultEvent>('card.result');
      const outcome = await read(ID_KEY).finally(results.stop);
      const error = assertError(outcome, 'CARD_READ_FAILED');
      assert.match(error.message, /MAC/);
      assert.deepEqual(
        results.seen.map((event) => event.value),
        [{ reader: slot.readerName, ok: false, error }],
      );
      assert.equal(assertRead(await read(ID_KEY)).holder.idNumber, PROFILE.idNumber);
    });
  });

  it('reports a removal at every APDU position of a full read as a typed error, then reads the card once it is back', async (t) => {
    const fullRead = await referenceRead();
    const positions = removalPositions(fullRead.trace);
    const queue = [...positions];
    const outcomes = new Map<string, number[]>();
    const failures: string[] = [];
    const cycleMs: number[] = [];
    const started = performance.now();

    /** Takes positions off the queue and runs them in one slot; the next card process starts while this one is read. */
    async function sweep(on: VpcdSlot): Promise<void> {
      const startFor = (n: number | undefined) => {
        if (n === undefined) return undefined;
        const starting = startCard(on, cccd({ faults: { removeAfterApdus: n } }));
        // Awaited in its turn; until then a failure to start must not count as unhandled.
        starting.catch(() => undefined);
        return starting;
      };
      let n = queue.shift();
      let next = startFor(n);
      while (n !== undefined && next !== undefined) {
        const card = await next;
        const position = n;
        n = queue.shift();
        next = startFor(n);
        const cycleStarted = performance.now();
        try {
          await insert(on, card);
          if (position === fullRead.apdus) {
            // The card answers the whole read and leaves on the first command of the next one.
            const whole = await read(ID_KEY, {}, on);
            if (!whole.ok) failures.push(`removal after ${position}: the full read failed: ${whole.error.code}`);
          }
          const cut = await read(ID_KEY, {}, on);
          const code = cut.ok ? 'ok' : cut.error.code;
          outcomes.set(code, [...(outcomes.get(code) ?? []), position]);
          if (cut.ok || !REMOVAL_CODES.has(cut.error.code)) {
            failures.push(`removal after ${position} APDUs: ${cut.ok ? 'the read succeeded' : `${cut.error.code}: ${cut.error.message}`}`);
          }
          await readerEmpty(on);
          await insert(on, card);
          const again = await read(ID_KEY, {}, on);
          if (!again.ok) failures.push(`read after re-inserting (removal after ${position}): ${again.error.code}: ${again.error.message}`);
          else if (again.value.holder.idNumber !== PROFILE.idNumber || again.value.photo?.dataUrl !== profilePhoto) {
            failures.push(`read after re-inserting (removal after ${position}) returned other data`);
          }
        } catch (error) {
          failures.push(`removal after ${position}: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          await takeOut(on, card).catch((error: unknown) => failures.push(String(error)));
          cycleMs.push(performance.now() - cycleStarted);
        }
      }
      // A card started for a position that was never run (after a failure) must not outlive the test.
      if (next) await (await next).stop();
    }

    const sweeps = await Promise.allSettled(pcscd.slots.map(sweep));
    for (const outcome of sweeps) if (outcome.status === 'rejected') failures.push(String(outcome.reason));
    t.diagnostic(
      `removal sweep: ${positions.length} of ${fullRead.apdus} positions over ${pcscd.slots.length} readers in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s (median ${median(cycleMs).toFixed(0)} ms per position per reader); ` +
        [...outcomes].map(([code, at]) => `${code} ×${at.length}`).join(', '),
    );
    assert.deepEqual(failures, []);
    assert.ok(!outcomes.has('INTERNAL') && !outcomes.has('BAD_OUTPUT'));
  });

  it('steps Le down for a card that refuses long reads, and still reads everything', async (t) => {
    const fullRead = await referenceRead();
    await withCard(cccd({ faults: { maxLe: 0xa0 } }), async () => {
      const started = performance.now();
      const value = assertRead(await read(ID_KEY));
      assert.ok(value.timing.apdus > fullRead.apdus, `${value.timing.apdus} APDUs with Le ≤ 0xA0, ${fullRead.apdus} without`);
      assert.equal(value.photo?.dataUrl, profilePhoto);
      assert.equal(value.holder.fullName, PROFILE.fullName);
      assert.equal(value.verification.active.status, 'passed');
      t.diagnostic(`Le ≤ 0xA0: ${(performance.now() - started).toFixed(0)} ms, ${value.timing.apdus} APDUs (default ${fullRead.apdus})`);
    });
  });

  it('reads a slow card (30 ms per answer) with a progress event for every chunk it answers', async (t) => {
    await withCard(cccd({ faults: { latencyMs: 30 } }), async () => {
      const progress = recorder<CardProgress>('card.progress');
      const results = recorder<CardResultEvent>('card.result');
      const started = performance.now();
      const outcome = await read(ID_KEY, { trace: { showData: false } }).finally(() => {
        progress.stop();
        results.stop();
      });
      const ms = performance.now() - started;
      const value = assertRead(outcome);
      assert.equal(value.holder.idNumber, PROFILE.idNumber);
      // The card's 30 ms per answer is really in the way: the read cannot be faster than that.
      assert.ok(ms >= value.timing.apdus * 30, `${ms.toFixed(0)} ms for ${value.timing.apdus} APDUs at 30 ms each`);
      // Progress goes by the card's answers, not by the clock: one event per chunk the card gave, each before the result.
      const chunks = (outcome.trace ?? []).filter((line) => isReadBinary(line) && line.sw === '9000').length;
      const fileProgress = progress.seen.filter((event) => event.value.step === 'reading' && event.value.bytesRead !== undefined);
      assert.equal(fileProgress.length, chunks, `${fileProgress.length} progress events for ${chunks} chunks read`);
      const resultAt = results.seen[0]?.at ?? Number.POSITIVE_INFINITY;
      assert.ok(progress.seen.every((event) => event.at <= resultAt), 'every progress event comes before the result');
      const dg2 = fileProgress.filter((event) => event.value.file === 'DG2');
      assert.ok(dg2.length > 10, `DG2 progress in steps (${dg2.length} events)`);
      assert.equal(dg2.at(-1)?.value.bytesRead, dg2.at(-1)?.value.totalBytes);
      t.diagnostic(`slow card: ${ms.toFixed(0)} ms, ${progress.seen.length} progress events for ${chunks} chunks`);
    });
  });

  it('refuses a wrong ID number after one PACE attempt, with ACCESS_DENIED, then reads with the right one', async () => {
    await withCard(cccd(), async () => {
      const denied = await read({ kind: 'cccd-id', id: WRONG_ID }, { trace: { showData: false } });
      assertError(denied, 'ACCESS_DENIED');
      const trace = denied.trace ?? [];
      assert.ok(trace.length > 0, 'a failed traced read returns its trace');
      assert.equal(trace.filter((line) => line.header === '00 22 C1 A4').length, 1, 'one MSE:Set AT for PACE');
      assert.equal(trace.filter((line) => /^[01]0 86/.test(line.header) && line.commandLength === 8).length, 1, 'one first GENERAL AUTHENTICATE');
      assert.equal(trace.filter((line) => line.header.startsWith('00 84')).length, 0, 'no BAC attempt behind it');
      assert.ok(trace.every((line) => line.command === undefined && line.response === undefined), 'no data bytes without showData');

      const value = assertRead(await read(ID_KEY));
      assert.equal(value.access.protocol, 'PACE-CAN');
      assert.equal(value.holder.idNumber, PROFILE.idNumber);
    });
  });

  it('answers CARD_BUSY to a second read on a reader that is being read, and finishes the first', async () => {
    await withCard(cccd(), async () => {
      const reading = waitForEvent<CardProgress>(events, 'card.progress', (p) => p.reader === slot.readerName && p.step === 'authenticating');
      const first = read(ID_KEY);
      await reading;
      assertError(await read(ID_KEY), 'CARD_BUSY');
      assert.equal(assertRead(await first).holder.idNumber, PROFILE.idNumber);
    });
  });

  it('says a card without the ID application is not a chip ID card, naming its ATR', async () => {
    await withCard(DEFAULT_CARD, async () => {
      const atr = Buffer.from(DEFAULT_ATR).toString('hex').toUpperCase();
      // By PACE only, and with the date of birth, which lets BAC try too.
      for (const key of [ID_KEY, { ...ID_KEY, dateOfBirth: PROFILE.dateOfBirth }]) {
        const error = assertError(await read(key), 'CARD_UNSUPPORTED');
        assert.match(error.message, /not a chip ID card/);
        assert.ok(error.message.includes(atr), `the message names the ATR ${atr}: ${error.message}`);
      }
    });
  });

  it('kept personal data out of the log throughout', () => {
    assert.ok(logLines.some((line) => line.includes('"card read"')), 'the log has the reads');
    assertNoPersonalData(logLines);
  });
});

/**
 * Where to cut a read whose commands `trace` lists: removeAfterApdus = n, so
 * the card leaves on command n + 1 (trace[n]); n = the count cuts the next read.
 */
function removalPositions(trace: readonly HostApduTrace[]): number[] {
  return Array.from({ length: trace.length }, (_, i) => i + 1).filter((n) => {
    const line = trace[n];
    const [, ins = '', p1 = '00'] = line?.header.split(' ') ?? [];
    const readBinary = line !== undefined && isReadBinary(line);
    /** A READ BINARY by short file ID opens the file: the first command of its step. */
    const startsStep = !readBinary || (ins === 'B0' && (parseInt(p1, 16) & 0x80) !== 0);
    return n <= FIRST_POSITIONS || n >= trace.length - 1 || startsStep || n % EVERY === 0;
  });
}

function assertNoPersonalData(lines: readonly string[]): void {
  const personal = [PROFILE.idNumber, PROFILE.fullName, PROFILE.fullName.toUpperCase(), PROFILE.placeOfResidence, PROFILE.dateOfBirth, WRONG_ID, 'NGUYEN'];
  for (const line of lines) {
    for (const value of personal) assert.ok(!line.includes(value), `the log holds personal data: ${line}`);
  }
}
