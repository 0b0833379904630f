/**
 * The TD1 machine-readable zone printed on the back of a CCCD and stored in
 * its DG1 (research cccd-chip.md §2.2), and the BAC / PACE-MRZ key it gives.
 */
import type { MrzKey } from '../emrtd/bac/mrz-key.ts';
import { composeCccdMrz } from '../emrtd/testing/lds-builders.ts';
import type { CccdProfile } from './cccd-profile.ts';

export interface CccdMrz {
  /** Three lines of 30 characters. */
  lines: [string, string, string];
  /** What BAC and PACE-MRZ derive their key from. */
  key: MrzKey;
}

/**
 * What the MRZ holds as expiry for a card without one is not known (§2.6, §11);
 * the simulator writes 31 December 2099, a date no renewal rule produces.
 */
export const NO_EXPIRY_MRZ_DATE = '991231';

function yymmdd(isoDate: string): string {
  return `${isoDate.slice(2, 4)}${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}`;
}

export function cccdMrz(profile: CccdProfile): CccdMrz {
  const dateOfBirth = yymmdd(profile.dateOfBirth);
  const dateOfExpiry = profile.dateOfExpiry === null ? NO_EXPIRY_MRZ_DATE : yymmdd(profile.dateOfExpiry);
  const zone = composeCccdMrz({
    idNumber: profile.idNumber,
    dateOfBirth,
    dateOfExpiry,
    sex: profile.sex === 'male' ? 'M' : 'F',
    fullName: profile.fullName,
  });
  return {
    lines: [zone.slice(0, 30), zone.slice(30, 60), zone.slice(60, 90)],
    key: { documentNumber: profile.idNumber.slice(3), dateOfBirth, dateOfExpiry },
  };
}
