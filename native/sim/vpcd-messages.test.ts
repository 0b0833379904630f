import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CardBehaviour } from './card.ts';
import { buildAtr, createCard, DEFAULT_ATR } from './default-card.ts';
import { answerVpcd, VPCD_GET_ATR, VPCD_POWER_OFF, VPCD_POWER_ON, VPCD_RESET } from './vpcd-messages.ts';

const hex = (value: string) => Uint8Array.from(Buffer.from(value.replace(/\s/g, ''), 'hex'));
const SELECT_EMRTD = hex('00 A4 04 0C 07 A0 00 00 02 47 10 01');

/** A card that records what the reader did to it. */
function recordingCard(): CardBehaviour & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    atr: hex('3B 80 80 01 01'),
    transmit: (apdu) => {
      calls.push(`apdu ${Buffer.from(apdu).toString('hex')}`);
      return hex('90 00');
    },
    reset: () => calls.push('reset'),
    powerOff: () => calls.push('power off'),
  };
}

describe('answering vpcd', () => {
  it('answers "get ATR" with the ATR and the other control bytes with nothing', async () => {
    const card = recordingCard();
    assert.deepEqual(await answerVpcd(card, Uint8Array.of(VPCD_GET_ATR)), hex('3B 80 80 01 01'));
    assert.equal(await answerVpcd(card, Uint8Array.of(VPCD_POWER_ON)), undefined);
    assert.equal(await answerVpcd(card, Uint8Array.of(VPCD_RESET)), undefined);
    assert.equal(await answerVpcd(card, Uint8Array.of(VPCD_POWER_OFF)), undefined);
    assert.deepEqual(card.calls, ['reset', 'reset', 'power off']);
  });

  it('passes longer payloads to the card as APDUs', async () => {
    const card = recordingCard();
    assert.deepEqual(await answerVpcd(card, SELECT_EMRTD), hex('90 00'));
    assert.deepEqual(card.calls, ['apdu 00a4040c07a0000002471001']);
  });

  it('still answers when the card fails', async () => {
    const broken: CardBehaviour = {
      atr: DEFAULT_ATR,
      transmit: () => {
        throw new Error('card bug');
      },
    };
    assert.deepEqual(await answerVpcd(broken, SELECT_EMRTD), hex('6F 00'));
  });
});

describe('the default card', () => {
  const card = createCard();
  const send = async (apdu: string) => Buffer.from(await card.transmit(hex(apdu))).toString('hex').toUpperCase();

  it('selects the eMRTD application and no other', async () => {
    assert.equal(await send('00 A4 04 0C 07 A0 00 00 02 47 10 01'), '9000');
    assert.equal(await send('00 A4 04 00 07 A0 00 00 02 47 10 01 00'), '9000');
    assert.equal(await send('00 A4 04 0C 07 A0 00 00 00 03 10 10'), '6A82');
    assert.equal(await send('00 A4 02 0C 02 01 1E'), '6A82');
    assert.equal(await send('00 A4 7F 0C 02 01 1E'), '6A86');
  });

  it('rejects what it does not know the way a card does', async () => {
    assert.equal(await send('00 CA 00 00 00'), '6D00');
    assert.equal(await send('FF CA 00 00 00'), '6E00');
    assert.equal(await send('00 B0 00 00 04'), '6986');
    assert.equal(await send('00 A4'), '6700');
    assert.equal(await send('00 A4 04 0C 07 A0 00'), '6700', 'Lc larger than the data');
  });

  it('has a well-formed ATR with a correct check byte, and takes another one as an option', () => {
    assert.equal(Buffer.from(DEFAULT_ATR).toString('hex').toUpperCase(), '3B87800154696570446F6E6B');
    const xorAfterTs = DEFAULT_ATR.subarray(1).reduce((x, byte) => x ^ byte, 0);
    assert.equal(xorAfterTs, 0, 'TCK makes the XOR of T0..TCK zero');
    assert.deepEqual(buildAtr(new Uint8Array(0)), hex('3B 80 80 01 01'));
    assert.deepEqual(createCard({ atrHex: '3b80800101' }).atr, hex('3B 80 80 01 01'));
    assert.throws(() => createCard({ atrHex: 'not hex' }));
  });
});
