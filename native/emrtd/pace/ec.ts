/** Point encoding, validation and key generation on a standardized curve. */
import { bigintToBytes, bytesToBigint } from '../bytes.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { EmrtdError } from '../errors.ts';
import type { CurvePoint, StandardCurve } from './curves.ts';

/** Decodes an uncompressed point (04 ‖ X ‖ Y) and checks that it lies on the curve. */
export function decodePublicKey(curve: StandardCurve, bytes: Uint8Array, what: string): CurvePoint {
  if (bytes.length !== 1 + 2 * curve.fieldSize || bytes[0] !== 0x04) {
    throw new EmrtdError('invalid-public-key', `${what} is not an uncompressed ${curve.name} point`);
  }
  try {
    const point = curve.Point.fromBytes(bytes);
    point.assertValidity();
    return point;
  } catch (error) {
    throw new EmrtdError('invalid-public-key', `${what} is not a point on ${curve.name}`, { cause: error });
  }
}

/** 04 ‖ X ‖ Y, each coordinate left-padded to the field size. */
export function encodePoint(curve: StandardCurve, point: CurvePoint): Uint8Array {
  const { x, y } = point.toAffine();
  return Uint8Array.of(0x04, ...bigintToBytes(x, curve.fieldSize), ...bigintToBytes(y, curve.fieldSize));
}

/** The x-coordinate left-padded to the field size: the ECDH shared secret. */
export function xCoordinate(curve: StandardCurve, point: CurvePoint): Uint8Array {
  return bigintToBytes(point.toAffine().x, curve.fieldSize);
}

const MAX_DRAWS = 64;

/**
 * A private key uniform in [1, n-1]: draw as many bytes as n has, clear the
 * bits above n's bit length, and draw again when out of range.
 */
export function randomScalar(curve: StandardCurve, random: RandomBytes): bigint {
  const bits = curve.order.toString(2).length;
  const length = Math.ceil(bits / 8);
  const mask = (1n << BigInt(bits)) - 1n;
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const candidate = bytesToBigint(random(length)) & mask;
    if (candidate > 0n && candidate < curve.order) return candidate;
  }
  throw new EmrtdError('invalid-input', 'the random source gave no usable private key');
}

export function scalarFromBytes(curve: StandardCurve, bytes: Uint8Array): bigint {
  const value = bytesToBigint(bytes);
  if (value <= 0n || value >= curve.order) throw new EmrtdError('invalid-input', `scalar out of range for ${curve.name}`);
  return value;
}
