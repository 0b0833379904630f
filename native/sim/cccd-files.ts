/**
 * The files of a virtual CCCD, built from a profile: EF.COM, DG1 (MRZ), DG2
 * (face), DG3 (listed but protected, as on real cards), DG13, DG14 (chip
 * authentication key), DG15 (active authentication key) and EF.SOD over all
 * of them, signed by the document signer.
 */
import type { KeyObject } from 'node:crypto';
import { ASN1 } from '../emrtd/asn1.ts';
import { dataGroupTag } from '../emrtd/lds/tags.ts';
import { buildDg1, buildDg13, buildDg14, buildDg15, buildDg2, buildEfCom, buildSod, type Dg13Fields } from '../emrtd/testing/lds-builders.ts';
import { encodeConstructed, encodeTlv } from '../emrtd/tlv.ts';
import { cccdMrz } from './cccd-mrz.ts';
import type { CccdProfile } from './cccd-profile.ts';
import type { DocumentSigner } from './cccd-pki.ts';
import { imageSize } from './image-size.ts';

export const FID = {
  'EF.COM': 0x011e,
  'EF.SOD': 0x011d,
  DG1: 0x0101,
  DG2: 0x0102,
  DG3: 0x0103,
  DG13: 0x010d,
  DG14: 0x010e,
  DG15: 0x010f,
} as const;
export type CccdFileName = keyof typeof FID;

/** The data groups on a CCCD, in EF.COM's order (cccd-chip.md §1.1). */
const DATA_GROUPS = [1, 2, 3, 13, 14, 15] as const;

export interface CccdFileInput {
  profile: CccdProfile;
  photo: Uint8Array;
  signer: DocumentSigner;
  chipAuthenticationPublicKey: KeyObject;
  activeAuthenticationPublicKey: KeyObject;
}

/** "1990-03-15" → "15/03/1990", as DG13 writes dates. */
function cardDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

export function dg13Fields(profile: CccdProfile): Dg13Fields {
  return {
    idNumber: profile.idNumber,
    fullName: profile.fullName,
    dateOfBirth: cardDate(profile.dateOfBirth),
    sex: profile.sex === 'male' ? 'Nam' : 'Nữ',
    nationality: profile.nationality,
    ethnicity: profile.ethnicity,
    religion: profile.religion,
    placeOfOrigin: profile.placeOfOrigin,
    placeOfResidence: profile.placeOfResidence,
    identifyingMarks: profile.identifyingMarks,
    dateOfIssue: cardDate(profile.dateOfIssue),
    dateOfExpiry: profile.dateOfExpiry === null ? 'Không thời hạn' : cardDate(profile.dateOfExpiry),
    ...(profile.fatherName !== undefined && { fatherName: profile.fatherName }),
    ...(profile.motherName !== undefined && { motherName: profile.motherName }),
    ...(profile.spouseName !== undefined && { spouseName: profile.spouseName }),
    ...(profile.oldIdNumber !== undefined && { oldIdNumber: profile.oldIdNumber }),
  };
}

/** DG3 with no fingerprint in it: nobody without EAC can read it anyway. */
const EMPTY_DG3 = encodeConstructed(dataGroupTag(3), encodeConstructed(0x7f61, encodeTlv(ASN1.INTEGER, Uint8Array.of(0))));

export function buildCccdFiles(input: CccdFileInput): Map<CccdFileName, Uint8Array> {
  const { profile, photo } = input;
  const dataGroups = new Map<number, Uint8Array>([
    [1, buildDg1(cccdMrz(profile).lines.join(''))],
    [2, buildDg2({ image: photo, ...imageSize(photo) })],
    [3, EMPTY_DG3],
    [13, buildDg13(dg13Fields(profile))],
    [14, buildDg14({ chipAuthenticationKey: input.chipAuthenticationPublicKey, paceParameterId: 13 })],
    [15, buildDg15(input.activeAuthenticationPublicKey)],
  ]);
  const files = new Map<CccdFileName, Uint8Array>([['EF.COM', buildEfCom([...DATA_GROUPS])]]);
  for (const dg of DATA_GROUPS) files.set(`DG${dg}`, dataGroups.get(dg) as Uint8Array);
  files.set('EF.SOD', buildSod(dataGroups, input.signer));
  return files;
}

/** The chip model's file table: file ID → content. */
export function filesById(files: ReadonlyMap<CccdFileName, Uint8Array>): Record<number, Uint8Array> {
  return Object.fromEntries([...files].map(([name, content]) => [FID[name], content]));
}
