import { randomBytes } from 'node:crypto';

/** A source of random bytes. Tests pass a scripted one to replay the ICAO worked examples. */
export type RandomBytes = (length: number) => Uint8Array;

export const secureRandomBytes: RandomBytes = (length) => new Uint8Array(randomBytes(length));
