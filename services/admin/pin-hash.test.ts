import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SCRYPT_COST, hashPin, PinHashSchema, verifyPin } from './pin-hash.ts';

describe('admin PIN hash', () => {
  it('hashes with scrypt and a random salt, and verifies only the same PIN', async () => {
    const first = await hashPin('246810');
    const second = await hashPin('246810');
    assert.ok(PinHashSchema.safeParse(first).success);
    assert.equal(first.N, DEFAULT_SCRYPT_COST.N);
    assert.notEqual(first.salt, second.salt);
    assert.notEqual(first.hash, second.hash);
    assert.ok(!JSON.stringify(first).includes('246810'));
    assert.equal(await verifyPin('246810', first), true);
    assert.equal(await verifyPin('246811', first), false);
    assert.equal(await verifyPin('', first), false);
  });

  it('verifies with the parameters stored beside the hash', async () => {
    const cheap = await hashPin('135790', { N: 2 ** 10, r: 8, p: 1 });
    assert.equal(cheap.N, 1024);
    assert.equal(await verifyPin('135790', cheap), true);
  });
});
