/**
 * Synthetic LDS files for reader tests: right outer tags and lengths, filler
 * content (the reader does not parse data groups). The holder is the invented
 * CCCD_SYNTHETIC one; nothing here is personal data.
 */
import type { KeyObject } from 'node:crypto';
import { asciiBytes } from '../bytes.ts';
import { encodeConstructed, encodeTlv } from '../tlv.ts';
import { CCCD_SYNTHETIC } from './icao-vectors.ts';

export const FID = { COM: 0x011e, SOD: 0x011d, DG1: 0x0101, DG2: 0x0102, DG3: 0x0103, DG13: 0x010d, DG14: 0x010e, DG15: 0x010f } as const;

/** Bytes that differ from offset to offset, so a chunk read from the wrong place shows. */
export function filler(length: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + (i >> 8) * 7 + seed) & 0xff);
}

const DG1_MRZ = 'IDVNM0990123459001099012345<<09902015M2402011VNM<<<<<<<<<<<4NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<';

export interface SyntheticFilesOptions {
  /** Bytes of DG2's value (the whole file is a little longer). */
  dg2Size?: number;
  dg13Size?: number;
  sodSize?: number;
  /** DG15 holds this key's SubjectPublicKeyInfo; filler otherwise. */
  activeAuthenticationKey?: KeyObject;
}

/** EF.COM listing DG1, DG2, DG3, DG13, DG14, DG15, as a CCCD's does (cccd-chip.md §1.1). */
export const SYNTHETIC_COM = encodeConstructed(
  0x60,
  encodeTlv(0x5f01, asciiBytes('0107')),
  encodeTlv(0x5f36, asciiBytes('040000')),
  encodeTlv(0x5c, Uint8Array.of(0x61, 0x75, 0x63, 0x6d, 0x6e, 0x6f)),
);

export function syntheticFiles(options: SyntheticFilesOptions = {}): Record<number, Uint8Array> {
  const dg15Value = options.activeAuthenticationKey?.export({ format: 'der', type: 'spki' });
  return {
    [FID.COM]: SYNTHETIC_COM,
    [FID.DG1]: encodeTlv(0x61, encodeTlv(0x5f1f, asciiBytes(DG1_MRZ))),
    [FID.DG2]: encodeTlv(0x75, filler(options.dg2Size ?? 3000, 2)),
    [FID.DG3]: encodeTlv(0x63, filler(200, 3)),
    [FID.DG13]: encodeTlv(0x6d, filler(options.dg13Size ?? 600, 13)),
    [FID.DG14]: encodeTlv(0x6e, filler(300, 14)),
    [FID.DG15]: encodeTlv(0x6f, dg15Value === undefined ? filler(162, 15) : new Uint8Array(dg15Value)),
    [FID.SOD]: encodeTlv(0x77, filler(options.sodSize ?? 1800, 29)),
  };
}

export const SYNTHETIC_HOLDER = CCCD_SYNTHETIC;
