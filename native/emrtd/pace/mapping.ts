/** PACE generic mapping for ECDH (ICAO 9303-11 §9.5.4.1): Ĝ = s·G + H, with H = SK_map,IFD · PK_map,IC. */
import { EmrtdError } from '../errors.ts';
import type { CurvePoint, StandardCurve } from './curves.ts';

export function sharedMappingPoint(privateKey: bigint, chipMappingKey: CurvePoint): CurvePoint {
  return chipMappingKey.multiply(privateKey);
}

export function mapGenerator(curve: StandardCurve, nonce: bigint, h: CurvePoint): CurvePoint {
  if (nonce <= 0n || nonce >= curve.order) throw new EmrtdError('auth-failed', 'the decrypted PACE nonce is out of range');
  const mapped = curve.Point.BASE.multiply(nonce).add(h);
  if (mapped.equals(curve.Point.ZERO)) throw new EmrtdError('invalid-public-key', 'the mapped generator is the point at infinity');
  return mapped;
}
