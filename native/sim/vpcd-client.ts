/**
 * Connects a card to vpcd, the virtual reader inside pcscd. vpcd listens and the
 * card dials in: connecting is inserting the card, closing the socket is removing it.
 */
import { connect } from 'node:net';
import type { CardBehaviour } from './card.ts';
import { encodeFrame, FrameDecoder } from './vpcd-framing.ts';
import { answerVpcd } from './vpcd-messages.ts';

export interface VpcdLinkOptions {
  port: number;
  host?: string;
  card: CardBehaviour;
}

export interface VpcdLink {
  /** Settles when the socket has closed, whichever side closed it. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export function connectToVpcd({ port, host = '127.0.0.1', card }: VpcdLinkOptions): Promise<VpcdLink> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host, noDelay: true });
    const decoder = new FrameDecoder();
    // vpcd waits for each answer before it asks again; answering in order keeps async cards honest.
    let answering: Promise<void> = Promise.resolve();
    const closed = new Promise<void>((settle) => socket.once('close', () => settle()));

    socket.on('data', (chunk) => {
      for (const payload of decoder.push(chunk)) {
        answering = answering.then(async () => {
          const reply = await answerVpcd(card, payload);
          if (reply && socket.writable) socket.write(encodeFrame(reply));
        });
      }
    });
    socket.once('connect', () => {
      socket.off('error', reject);
      // After connecting, a reset or refused write only ends the link: the close event reports it.
      socket.on('error', () => undefined);
      resolve({
        closed,
        close: () => {
          socket.destroy();
          return closed;
        },
      });
    });
    socket.once('error', reject);
  });
}
