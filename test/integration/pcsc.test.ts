/**
 * Real parts end to end: pcscd with vpcd's virtual reader, our virtual card in
 * its own process, the `smartcard` binding, and the app's real device host.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import smartcard from 'smartcard';
import type { DevicesSnapshot, ReaderInfo } from '../../domain/api.ts';
import { isAppError } from '../../domain/errors.ts';
import { connectCard } from '../../native/pcsc/card-session.ts';
import { DEFAULT_ATR } from '../../native/sim/default-card.ts';
import { startVirtualCard, type VirtualCard } from '../../native/sim/virtual-card.ts';
import { createApp, type App } from '../../services/app.ts';
import { waitForEvent } from '../rig/events.ts';
import { pcscRigMissing, startPcscd, type Pcscd, type VpcdSlot } from '../rig/pcscd.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

const SELECT_EMRTD = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);
const SELECT_OTHER = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10);
const DEFAULT_ATR_HEX = Buffer.from(DEFAULT_ATR).toString('hex').toUpperCase();
const EVENT_TIMEOUT_MS = 10_000;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

describe('PC/SC through pcscd, vpcd and a virtual card', { skip: pcscRigMissing() }, () => {
  const dir = makeTempDir();
  let pcscd: Pcscd;
  let slot: VpcdSlot;
  let card: VirtualCard;
  let app: App;
  /** The app's devices.changed events, re-emitted for waitForEvent. */
  const devicesChanged = new EventEmitter();
  let latest: DevicesSnapshot | undefined;

  const readerIn = (snapshot: DevicesSnapshot | undefined) => snapshot?.readers.find((r) => r.name === slot.readerName);

  /** Resolves with the reader once a devices.changed event (or the latest one) shows it as `accept` wants. */
  async function readerWhen(accept: (reader: ReaderInfo) => boolean): Promise<ReaderInfo> {
    const now = readerIn(latest);
    if (now && accept(now)) return now;
    const snapshot = await waitForEvent<DevicesSnapshot>(
      devicesChanged,
      'snapshot',
      (s) => {
        const reader = readerIn(s);
        return !!reader && accept(reader);
      },
      EVENT_TIMEOUT_MS,
    );
    return readerIn(snapshot)!;
  }

  before(async () => {
    pcscd = await startPcscd();
    slot = pcscd.slots[0]!;
    card = await startVirtualCard({ port: slot.port });
    app = await createApp({ dataDir: dir.path, mode: 'headless' });
    app.events.subscribe((name, payload) => {
      if (name !== 'devices.changed') return;
      latest = payload as DevicesSnapshot;
      devicesChanged.emit('snapshot', latest);
    });
    if (app.deviceHost?.state !== 'running') await waitForEvent(app.deviceHost!, 'state', (s) => s === 'running');
  });

  after(async () => {
    await card?.stop();
    await app?.close();
    await pcscd?.stop();
    dir[Symbol.dispose]();
  });

  it('lists the virtual reader through the binding', () => {
    const context = new smartcard.Context();
    try {
      const names = context.listReaders().map((reader) => reader.name);
      assert.ok(names.includes(slot.readerName), `readers: ${names.join(', ') || 'none'}\n${pcscd.recentOutput()}`);
    } finally {
      context.close();
    }
  });

  it('shows the reader, then the card with its ATR, then its removal, as devices.changed events', async (t) => {
    const empty = await readerWhen((r) => !r.cardPresent);
    assert.deepEqual(empty, { name: slot.readerName, cardPresent: false });
    assert.equal(latest?.pcsc.state, 'available');
    assert.equal(latest?.host.state, 'running');

    const insertedAt = performance.now();
    await card.insert();
    const present = await readerWhen((r) => r.cardPresent);
    const insertMs = performance.now() - insertedAt;
    assert.deepEqual(present, { name: slot.readerName, cardPresent: true, atr: DEFAULT_ATR_HEX });

    const removedAt = performance.now();
    await card.remove();
    const gone = await readerWhen((r) => !r.cardPresent);
    const removeMs = performance.now() - removedAt;
    assert.deepEqual(gone, { name: slot.readerName, cardPresent: false });

    const listed = await app.router.dispatch('devices.list', {});
    assert.ok(listed.ok);
    assert.deepEqual(readerIn(listed.value as DevicesSnapshot), { name: slot.readerName, cardPresent: false });
    t.diagnostic(`insert seen by the app after ${insertMs.toFixed(0)} ms, removal after ${removeMs.toFixed(0)} ms`);
  });

  it('round-trips SELECT to the virtual card through the binding, and reports its removal as CARD_REMOVED', async (t) => {
    await card.insert();
    // pcscd must have seen the card (and, after a removal, the removal) before we connect.
    await readerWhen((r) => r.cardPresent);
    const session = await connectCard(smartcard, slot.readerName);
    try {
      assert.equal(session.atr, DEFAULT_ATR_HEX);
      assert.equal(hex(await session.transmit(SELECT_EMRTD)), '9000');
      assert.equal(hex(await session.transmit(SELECT_OTHER)), '6A82');

      const roundTrips: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const started = performance.now();
        assert.equal(hex(await session.transmit(SELECT_EMRTD)), '9000');
        roundTrips.push(performance.now() - started);
      }
      t.diagnostic(`SELECT round trip: median ${median(roundTrips).toFixed(1)} ms, max ${Math.max(...roundTrips).toFixed(1)} ms`);

      await card.remove();
      await assert.rejects(session.transmit(SELECT_EMRTD), (error) => isAppError(error) && error.code === 'CARD_REMOVED');
    } finally {
      session.close();
    }
    await readerWhen((r) => !r.cardPresent);
  });
});
