/**
 * The admin PIN at rest: scrypt (node:crypto) with a random salt, parameters
 * stored beside the hash so they can be raised later without a migration.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

export const PinHashSchema = z.object({
  algorithm: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: z.base64(),
  hash: z.base64(),
});
export type PinHash = z.infer<typeof PinHashSchema>;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** About 32 MiB and a few tens of milliseconds per try: slow enough to make guessing offline costly. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export async function hashPin(pin: string, cost: ScryptCost = DEFAULT_SCRYPT_COST, salt: Buffer = randomBytes(SALT_BYTES)): Promise<PinHash> {
  const hash = await derive(pin, salt, cost);
  return { algorithm: 'scrypt', ...cost, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), stored, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(pin: string, salt: Buffer, cost: ScryptCost, length = HASH_BYTES): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
