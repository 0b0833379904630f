/**
 * The virtual card's process against a stand-in for vpcd (a TCP listener that
 * speaks vpcd's framing); the real vpcd is in test/integration/pcsc.test.ts.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { DEFAULT_ATR } from './default-card.ts';
import { startVirtualCard, type VirtualCard } from './virtual-card.ts';
import { encodeFrame, FrameDecoder } from './vpcd-framing.ts';

const hex = (value: string) => Uint8Array.from(Buffer.from(value.replace(/\s/g, ''), 'hex'));

/** Sends one vpcd message and resolves with the card's framed answer. */
function ask(socket: Socket, decoder: FrameDecoder, payload: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const [frame] = decoder.push(chunk);
      if (!frame) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(frame);
    };
    const onClose = () => reject(new Error('the card hung up'));
    socket.on('data', onData);
    socket.once('close', onClose);
    // Split the frame to make the card reassemble it.
    const frame = encodeFrame(payload);
    socket.write(frame.subarray(0, 1));
    socket.write(frame.subarray(1));
  });
}

describe('virtual card process (against a stand-in vpcd)', () => {
  let server: Server;
  let card: VirtualCard;

  before(async () => {
    server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    card = await startVirtualCard({ port: (server.address() as AddressInfo).port });
  });

  afterEach(async () => {
    if (card.inserted) await card.remove();
  });

  after(async () => {
    await card.stop();
    server.close();
  });

  it('dials in on insert, answers the ATR poll and APDUs, and hangs up on remove', async () => {
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    await card.insert();
    assert.equal(card.inserted, true);
    const [socket] = await accepted;
    const decoder = new FrameDecoder();

    assert.deepEqual(await ask(socket, decoder, Uint8Array.of(0x04)), DEFAULT_ATR);
    socket.write(encodeFrame(Uint8Array.of(0x01))); // power on: no answer expected
    assert.deepEqual(await ask(socket, decoder, hex('00 A4 04 0C 07 A0 00 00 02 47 10 01')), hex('90 00'));
    assert.deepEqual(await ask(socket, decoder, hex('00 CA 00 00 00')), hex('6D 00'));

    const hungUp = once(socket, 'close');
    await card.remove();
    assert.equal(card.inserted, false);
    await hungUp;
  });

  it('can be inserted again after a removal', async () => {
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    await card.insert();
    const [socket] = await accepted;
    assert.deepEqual(await ask(socket, new FrameDecoder(), Uint8Array.of(0x04)), DEFAULT_ATR);
    await card.remove();
  });

  it('notices when the reader side drops the link', async () => {
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    await card.insert();
    const [socket] = await accepted;
    const dropped = once(card, 'dropped');
    socket.destroy();
    await dropped;
    assert.equal(card.inserted, false);
  });

  it('fails an insert when nothing listens', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const orphan = await startVirtualCard({ port });
    try {
      await assert.rejects(orphan.insert(), /ECONNREFUSED/);
      assert.equal(orphan.inserted, false);
    } finally {
      await orphan.stop();
    }
  });

  it('fails to start with a card module that has no factory', async () => {
    await assert.rejects(
      startVirtualCard({ port: 1, card: { module: new URL('./card.ts', import.meta.url).href, export: 'nothing' } }),
      /no card factory named nothing/,
    );
  });
});
