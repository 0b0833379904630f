import assert from 'node:assert/strict';
import { createECDH } from 'node:crypto';
import { describe, it } from 'node:test';
import { bigintToBytes, fromHex, toHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { scriptedRandom } from '../testing/scripted.ts';
import { STANDARD_CURVE_IDS, standardCurve } from './curves.ts';
import { decodePublicKey, encodePoint, randomScalar } from './ec.ts';

describe('standardized domain parameters', () => {
  it('covers IDs 8 to 18', () => {
    assert.deepEqual(STANDARD_CURVE_IDS, [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    assert.equal(standardCurve(13).name, 'brainpoolP256r1');
    assert.equal(standardCurve(13).fieldSize, 32);
    assert.equal(standardCurve(18).fieldSize, 66);
  });

  it('agrees with OpenSSL on every curve: k·G for a scalar, and the group order', () => {
    for (const id of STANDARD_CURVE_IDS) {
      const curve = standardCurve(id);
      const k = curve.order / 3n + 12345n;
      const openssl = createECDH(curve.opensslName);
      openssl.setPrivateKey(bigintToBytes(k, Math.ceil(curve.order.toString(16).length / 2)));
      assert.equal(toHex(encodePoint(curve, curve.Point.BASE.multiply(k))), toHex(openssl.getPublicKey()), curve.name);
      assert.ok(curve.Point.BASE.multiply(curve.order - 1n).equals(curve.Point.BASE.negate()), `${curve.name} order`);
    }
  });

  it('refuses the DH groups and unknown IDs', () => {
    for (const id of [0, 2, 7, 19]) assert.throws(() => standardCurve(id), (e) => isEmrtdError(e, 'unsupported'));
  });
});

describe('points and private keys', () => {
  const curve = standardCurve(13);

  it('refuses points off the curve, of the wrong length or compressed', () => {
    const good = encodePoint(curve, curve.Point.BASE);
    assert.ok(decodePublicKey(curve, good, 'G').equals(curve.Point.BASE));
    const off = good.slice();
    off[64] = (off[64] as number) ^ 1;
    for (const bad of [off, good.subarray(0, 64), Uint8Array.of(0x02, ...good.subarray(1, 33)), new Uint8Array(65)]) {
      assert.throws(() => decodePublicKey(curve, bad, 'key'), (e) => isEmrtdError(e, 'invalid-public-key'));
    }
  });

  it('left-pads coordinates to the field size', () => {
    // A point whose x has a leading zero byte: search a few small multiples of G.
    let point = curve.Point.BASE;
    for (let i = 0; i < 2000 && point.toAffine().x >= 1n << 248n; i++) point = point.add(curve.Point.BASE);
    assert.ok(point.toAffine().x < 1n << 248n, 'found a short x');
    const encoded = encodePoint(curve, point);
    assert.equal(encoded.length, 65);
    assert.equal(encoded[1], 0);
  });

  it('draws private keys in [1, n-1] and draws again when out of range', () => {
    const tooBig = bigintToBytes(curve.order, 32);
    const zero = new Uint8Array(32);
    const ok = fromHex('7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99');
    assert.equal(randomScalar(curve, scriptedRandom(tooBig, zero, ok)), BigInt(`0x${toHex(ok)}`));
    const p521 = standardCurve(18);
    const highBitsSet = new Uint8Array(66);
    highBitsSet[0] = 0xff;
    highBitsSet[65] = 0x01;
    assert.equal(randomScalar(p521, scriptedRandom(highBitsSet)), (1n << 520n) + 1n, 'bits above the order are cleared');
  });
});
