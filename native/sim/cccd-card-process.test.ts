/**
 * The virtual CCCD in its own process against a stand-in for vpcd (a TCP
 * listener speaking vpcd's framing): a removal fault hangs up the link, which
 * is what vpcd reads as a card taken out. The real pcscd is in
 * test/integration/sim-card.test.ts.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_ATR } from '../emrtd/testing/chip-model.ts';
import { CCCD_CARD_SPEC, type CccdCardOptions } from './cccd-card-options.ts';
import { startVirtualCard } from './virtual-card.ts';
import { encodeFrame, FrameDecoder } from './vpcd-framing.ts';

const hex = (value: string) => Uint8Array.from(Buffer.from(value.replace(/\s/g, ''), 'hex'));
const SELECT_CARD_ACCESS = hex('00 A4 02 0C 02 01 1C');

/** Sends one vpcd message; resolves with the card's framed answer, or 'hung up'. */
function ask(socket: Socket, decoder: FrameDecoder, payload: Uint8Array): Promise<Uint8Array | 'hung up'> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      const [frame] = decoder.push(chunk);
      if (!frame) return;
      socket.off('close', onClose);
      socket.off('data', onData);
      resolve(frame);
    };
    const onClose = () => {
      socket.off('data', onData);
      resolve('hung up');
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.write(encodeFrame(payload));
  });
}

describe('virtual CCCD process (against a stand-in vpcd)', () => {
  let server: Server;
  let port: number;

  before(async () => {
    server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  after(() => server.close());

  it('answers the ATR poll and APDUs, then hangs up by itself on command N + 1', async () => {
    const options: CccdCardOptions = { faults: { removeAfterApdus: 2 } };
    const card = await startVirtualCard({ port, card: { ...CCCD_CARD_SPEC, options } });
    try {
      const accepted = once(server, 'connection') as Promise<[Socket]>;
      await card.insert();
      const [socket] = await accepted;
      const decoder = new FrameDecoder();
      assert.deepEqual(await ask(socket, decoder, Uint8Array.of(0x04)), DEFAULT_ATR);
      socket.write(encodeFrame(Uint8Array.of(0x01)));
      assert.deepEqual(await ask(socket, decoder, SELECT_CARD_ACCESS), hex('90 00'));
      assert.deepEqual(await ask(socket, decoder, Uint8Array.of(0x04)), DEFAULT_ATR, 'polls are not commands');
      assert.deepEqual(await ask(socket, decoder, SELECT_CARD_ACCESS), hex('90 00'));

      const ejected = once(card, 'ejected');
      assert.equal(await ask(socket, decoder, SELECT_CARD_ACCESS), 'hung up');
      await ejected;
      assert.equal(card.inserted, false);

      // Put back, it works again: the fault fires once.
      const again = once(server, 'connection') as Promise<[Socket]>;
      await card.insert();
      const [second] = await again;
      assert.deepEqual(await ask(second, new FrameDecoder(), SELECT_CARD_ACCESS), hex('90 00'));
      await card.remove();
    } finally {
      await card.stop();
    }
  });

  it('fails to start with options it does not understand, and says which', async () => {
    await assert.rejects(
      startVirtualCard({ port, card: { ...CCCD_CARD_SPEC, options: { faults: { removeAfter: 1 } } } }),
      /could not start.*removeAfter/s,
    );
  });
});
