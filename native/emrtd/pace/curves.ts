/**
 * The standardized elliptic-curve domain parameters of ICAO 9303-11 §9.5.1
 * (IDs 8 to 18). IDs 0 to 2 are MODP groups for DH, which this stack does not
 * implement. Curves that @noble/curves ships are taken from it; the others are
 * given as data copied from OpenSSL's named curves, and a test checks every
 * one against node:crypto.
 */
import { weierstrass, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { EmrtdError } from '../errors.ts';

export type CurvePoint = WeierstrassPoint<bigint>;

export interface StandardCurve {
  id: number;
  name: string;
  /** The name node:crypto (OpenSSL) knows the curve by. */
  opensslName: string;
  Point: WeierstrassPointCons<bigint>;
  /** Bytes in one coordinate: every coordinate and shared secret is left-padded to this. */
  fieldSize: number;
  order: bigint;
}

interface CurveData {
  p: string;
  a: string;
  b: string;
  n: string;
  gx: string;
  gy: string;
}

const hex = (value: string) => BigInt(`0x${value}`);

function fromData(data: CurveData): WeierstrassPointCons<bigint> {
  return weierstrass({ p: hex(data.p), a: hex(data.a), b: hex(data.b), n: hex(data.n), Gx: hex(data.gx), Gy: hex(data.gy), h: 1n });
}

const SECP192R1: CurveData = {
  p: 'fffffffffffffffffffffffffffffffeffffffffffffffff',
  a: 'fffffffffffffffffffffffffffffffefffffffffffffffc',
  b: '64210519e59c80e70fa7e9ab72243049feb8deecc146b9b1',
  n: 'ffffffffffffffffffffffff99def836146bc9b1b4d22831',
  gx: '188da80eb03090f67cbf20eb43a18800f4ff0afd82ff1012',
  gy: '07192b95ffc8da78631011ed6b24cdd573f977a11e794811',
};

const BRAINPOOL_P192R1: CurveData = {
  p: 'c302f41d932a36cda7a3463093d18db78fce476de1a86297',
  a: '6a91174076b1e0e19c39c031fe8685c1cae040e5c69a28ef',
  b: '469a28ef7c28cca3dc721d044f4496bcca7ef4146fbf25c9',
  n: 'c302f41d932a36cda7a3462f9e9e916b5be8f1029ac4acc1',
  gx: 'c0a0647eaab6a48753b033c56cb0f0900a2f5c4853375fd6',
  gy: '14b690866abd5bb88b5f4828c1490002e6773fa2fa299b8f',
};

const SECP224R1: CurveData = {
  p: 'ffffffffffffffffffffffffffffffff000000000000000000000001',
  a: 'fffffffffffffffffffffffffffffffefffffffffffffffffffffffe',
  b: 'b4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4',
  n: 'ffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d',
  gx: 'b70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21',
  gy: 'bd376388b5f723fb4c22dfe6cd4375a05a07476444d5819985007e34',
};

const BRAINPOOL_P224R1: CurveData = {
  p: 'd7c134aa264366862a18302575d1d787b09f075797da89f57ec8c0ff',
  a: '68a5e62ca9ce6c1c299803a6c1530b514e182ad8b0042a59cad29f43',
  b: '2580f63ccfe44138870713b1a92369e33e2135d266dbb372386c400b',
  n: 'd7c134aa264366862a18302575d0fb98d116bc4b6ddebca3a5a7939f',
  gx: '0d9029ad2c7e5cf4340823b2a87dc68c9e4ce3174c1e6efdee12c07d',
  gy: '58aa56f772c0726f24c6b89e4ecdac24354b9e99caa3f6d3761402cd',
};

const BRAINPOOL_P320R1: CurveData = {
  p: 'd35e472036bc4fb7e13c785ed201e065f98fcfa6f6f40def4f92b9ec7893ec28fcd412b1f1b32e27',
  a: '3ee30b568fbab0f883ccebd46d3f3bb8a2a73513f5eb79da66190eb085ffa9f492f375a97d860eb4',
  b: '520883949dfdbc42d3ad198640688a6fe13f41349554b49acc31dccd884539816f5eb4ac8fb1f1a6',
  n: 'd35e472036bc4fb7e13c785ed201e065f98fcfa5b68f12a32d482ec7ee8658e98691555b44c59311',
  gx: '43bd7e9afb53d8b85289bcc48ee5bfe6f20137d10a087eb6e7871e2a10a599c710af8d0d39e20611',
  gy: '14fdd05545ec1cc8ab4093247f77275e0743ffed117182eaa9c77877aaac6ac7d35245d1692e8ee1',
};

const DEFINITIONS: Record<number, { name: string; opensslName: string; point: () => WeierstrassPointCons<bigint> }> = {
  8: { name: 'NIST P-192', opensslName: 'prime192v1', point: () => fromData(SECP192R1) },
  9: { name: 'brainpoolP192r1', opensslName: 'brainpoolP192r1', point: () => fromData(BRAINPOOL_P192R1) },
  10: { name: 'NIST P-224', opensslName: 'secp224r1', point: () => fromData(SECP224R1) },
  11: { name: 'brainpoolP224r1', opensslName: 'brainpoolP224r1', point: () => fromData(BRAINPOOL_P224R1) },
  12: { name: 'NIST P-256', opensslName: 'prime256v1', point: () => p256.Point },
  13: { name: 'brainpoolP256r1', opensslName: 'brainpoolP256r1', point: () => brainpoolP256r1.Point },
  14: { name: 'brainpoolP320r1', opensslName: 'brainpoolP320r1', point: () => fromData(BRAINPOOL_P320R1) },
  15: { name: 'NIST P-384', opensslName: 'secp384r1', point: () => p384.Point },
  16: { name: 'brainpoolP384r1', opensslName: 'brainpoolP384r1', point: () => brainpoolP384r1.Point },
  17: { name: 'brainpoolP512r1', opensslName: 'brainpoolP512r1', point: () => brainpoolP512r1.Point },
  18: { name: 'NIST P-521', opensslName: 'secp521r1', point: () => p521.Point },
};

export const STANDARD_CURVE_IDS: readonly number[] = Object.keys(DEFINITIONS).map(Number);

const cache = new Map<number, StandardCurve>();

export function standardCurve(id: number): StandardCurve {
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const definition = DEFINITIONS[id];
  if (definition === undefined) {
    const what = id >= 0 && id <= 2 ? 'a DH group' : 'not a standardized elliptic curve';
    throw new EmrtdError('unsupported', `domain parameter ID ${id} is ${what}; only ECDH on IDs 8-18 is supported`);
  }
  const Point = definition.point();
  const curve: StandardCurve = {
    id,
    name: definition.name,
    opensslName: definition.opensslName,
    Point,
    fieldSize: Point.Fp.BYTES,
    order: Point.Fn.ORDER,
  };
  cache.set(id, curve);
  return curve;
}
