/**
 * The virtual CCCD through the real stack: pcscd with vpcd's reader, the card in
 * its own process, and the `smartcard` binding. It reads EF.CardAccess the way the
 * reader does, and a removal fault shows up as a card removal, not a status word.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import smartcard from 'smartcard';
import { isAppError } from '../../domain/errors.ts';
import { CCCD_CARD_ACCESS } from '../../native/emrtd/pace/card-access.ts';
import { connectCard, type CardSession } from '../../native/pcsc/card-session.ts';
import { CCCD_CARD_SPEC, type CccdCardOptions } from '../../native/sim/cccd-card-options.ts';
import { startVirtualCard, type VirtualCard } from '../../native/sim/virtual-card.ts';
import { pcscRigMissing, startPcscd, type Pcscd, type VpcdSlot } from '../rig/pcscd.ts';

const hexBytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const SELECT_CARD_ACCESS = hexBytes('00 A4 02 0C 02 01 1C');
const SELECT_EMRTD = hexBytes('00 A4 04 0C 07 A0 00 00 02 47 10 01');
const readBinary = (offset: number, le: number) => Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, le);
const WAIT_MS = 10_000;

describe('the virtual CCCD through pcscd, vpcd and the smartcard binding', { skip: pcscRigMissing() }, () => {
  let pcscd: Pcscd;
  let slot: VpcdSlot;
  const cards: VirtualCard[] = [];

  /** Resolves once pcscd reports the slot's reader with (or without) a card. */
  async function readerShows(present: boolean): Promise<void> {
    const context = new smartcard.Context();
    try {
      const deadline = performance.now() + WAIT_MS;
      let known = 0;
      for (;;) {
        const reader = context.listReaders().find((r) => r.name === slot.readerName);
        const state = reader?.state ?? 0;
        if (reader && ((state & smartcard.SCARD_STATE_PRESENT) !== 0) === present) return;
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`the reader did not show ${present ? 'a card' : 'no card'} within ${WAIT_MS} ms\n${pcscd.recentOutput()}`);
        await context.waitForChange([{ name: slot.readerName, state: known, changed: false, atr: null }], Math.min(left, 500));
        known = state;
      }
    } finally {
      context.close();
    }
  }

  async function insertCccd(options: CccdCardOptions): Promise<{ card: VirtualCard; session: CardSession }> {
    const card = await startVirtualCard({ port: slot.port, card: { ...CCCD_CARD_SPEC, options } });
    cards.push(card);
    await card.insert();
    await readerShows(true);
    return { card, session: await connectCard(smartcard, slot.readerName) };
  }

  async function transmit(session: CardSession, apdu: Uint8Array): Promise<{ data: Uint8Array; sw: string }> {
    const response = await session.transmit(apdu);
    return { data: response.subarray(0, -2), sw: hex(response.subarray(-2)) };
  }

  before(async () => {
    pcscd = await startPcscd();
    slot = pcscd.slots[0]!;
    // A card left in by an earlier run would answer instead of ours.
    await readerShows(false);
  });

  after(async () => {
    for (const card of cards) await card.stop();
    await pcscd?.stop();
  });

  it('selects EF.CardAccess at the MF and reads the CCCD security infos, then selects the eMRTD application', async (t) => {
    const { card, session } = await insertCccd({});
    try {
      assert.equal((await transmit(session, SELECT_CARD_ACCESS)).sw, '9000');
      const read = await transmit(session, readBinary(0, 0xdf));
      assert.equal(read.sw, '9000');
      assert.equal(hex(read.data), hex(CCCD_CARD_ACCESS));
      assert.equal((await transmit(session, SELECT_EMRTD)).sw, '9000');
      // Without PACE or BAC the data groups stay shut.
      assert.equal((await transmit(session, hexBytes('00 A4 02 0C 02 01 01'))).sw, '9000');
      assert.equal((await transmit(session, readBinary(0, 4))).sw, '6982');

      const selects: number[] = [];
      const reads: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        let started = performance.now();
        await transmit(session, SELECT_CARD_ACCESS);
        selects.push(performance.now() - started);
        started = performance.now();
        await transmit(session, readBinary(0, 0xdf));
        reads.push(performance.now() - started);
      }
      t.diagnostic(
        `through pcscd: SELECT median ${median(selects).toFixed(1)} ms (max ${Math.max(...selects).toFixed(1)}), ` +
          `READ BINARY median ${median(reads).toFixed(1)} ms (max ${Math.max(...reads).toFixed(1)})`,
      );
    } finally {
      session.close();
    }
    await card.remove();
    await readerShows(false);
  });

  it('takes itself out after the configured number of APDUs, which the reader sees as a removal', async (t) => {
    const { card, session } = await insertCccd({ faults: { removeAfterApdus: 2 } });
    try {
      const ejected = once(card, 'ejected');
      assert.equal((await transmit(session, SELECT_CARD_ACCESS)).sw, '9000');
      assert.equal((await transmit(session, readBinary(0, 0xdf))).sw, '9000');
      const started = performance.now();
      // The card hangs up on this command. vpcd hands pcscd an empty answer for it
      // (the link ended while it waited), so it either fails or carries no status word.
      const lost = await session.transmit(readBinary(0, 0xdf)).then(
        (response) => `answered with ${response.length} bytes`,
        (error: unknown) => (isAppError(error) ? error.code : String(error)),
      );
      assert.ok(lost === 'answered with 0 bytes' || lost === 'CARD_REMOVED', lost);
      await ejected;
      assert.equal(card.inserted, false);
      await assert.rejects(session.transmit(SELECT_CARD_ACCESS), (error) => isAppError(error) && error.code === 'CARD_REMOVED');
      await readerShows(false);
      t.diagnostic(`command after the removal: ${lost}; reader empty and CARD_REMOVED after ${(performance.now() - started).toFixed(0)} ms`);
    } finally {
      session.close();
    }
  });
});
