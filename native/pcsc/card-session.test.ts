import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError, type ErrorCode } from '../../domain/errors.ts';
import { connectCard } from './card-session.ts';
import { FakePcsc } from './fake-pcsc.ts';

const ATR = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);

function readerWithCard(): FakePcsc {
  const fake = new FakePcsc();
  fake.attachReader('Reader A');
  fake.insertCard('Reader A', ATR);
  return fake;
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

describe('connectCard', () => {
  it('exchanges APDUs with the card and reports its ATR', async () => {
    const fake = readerWithCard();
    const received: Uint8Array[] = [];
    fake.respond = (apdu) => {
      received.push(apdu);
      return Uint8Array.of(0x90, 0x00);
    };
    const session = await connectCard(fake.binding, 'Reader A');
    assert.equal(session.atr, '3B80800101');
    assert.deepEqual(await session.transmit(SELECT), Uint8Array.of(0x90, 0x00));
    assert.deepEqual(received, [SELECT]);
    session.close();
    assert.equal(fake.openContexts, 0);
  });

  it('maps a card pulled out between commands to CARD_REMOVED', async () => {
    const fake = readerWithCard();
    const session = await connectCard(fake.binding, 'Reader A');
    fake.removeCard('Reader A');
    await rejectsWith(session.transmit(SELECT), 'CARD_REMOVED');
    session.close();
  });

  it('maps a failed command to CARD_REMOVED once pcscd notices the card is gone', async () => {
    const fake = readerWithCard();
    const session = await connectCard(fake.binding, 'Reader A', { removalSettleMs: 5_000 });
    fake.failNextTransmit('Transaction failed');
    const outcome = session.transmit(SELECT);
    fake.once('wait', () => fake.removeCard('Reader A')); // pcscd's presence poll catches up
    await rejectsWith(outcome, 'CARD_REMOVED');
    session.close();
  });

  it('maps a card swapped for another one to CARD_REMOVED', async () => {
    const fake = readerWithCard();
    const session = await connectCard(fake.binding, 'Reader A', { removalSettleMs: 5_000 });
    fake.removeCard('Reader A');
    fake.insertCard('Reader A', ATR);
    fake.failNextTransmit('Transaction failed');
    await rejectsWith(session.transmit(SELECT), 'CARD_REMOVED');
    session.close();
  });

  it('reports other failures as they are when the card stays put', async () => {
    const fake = readerWithCard();
    const session = await connectCard(fake.binding, 'Reader A', { removalSettleMs: 10 });
    fake.failNextTransmit('Transaction failed');
    await rejectsWith(session.transmit(SELECT), 'INTERNAL');
    assert.deepEqual(await session.transmit(SELECT), Uint8Array.of(0x90, 0x00), 'the session still works');
    session.close();
  });

  it('says why it cannot connect', async () => {
    const fake = new FakePcsc();
    fake.attachReader('Empty reader');
    await rejectsWith(connectCard(fake.binding, 'No such reader'), 'READER_NOT_FOUND');
    await rejectsWith(connectCard(fake.binding, 'Empty reader'), 'CARD_ABSENT');
    fake.stopService();
    await rejectsWith(connectCard(fake.binding, 'Empty reader'), 'PCSC_UNAVAILABLE');
    assert.equal(fake.openContexts, 0, 'failed attempts leave no context open');
  });

  it('refuses to transmit after close', async () => {
    const session = await connectCard(readerWithCard().binding, 'Reader A');
    session.close();
    await rejectsWith(session.transmit(SELECT), 'INTERNAL');
  });
});
