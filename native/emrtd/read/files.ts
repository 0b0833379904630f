/**
 * The elementary files a reader asks for, by file ID and short file ID
 * (ICAO 9303-10 §4.6, cccd-chip.md §1.1), named as the API names them.
 */
export interface EfReference {
  /** 'EF.CardAccess', 'EF.COM', 'EF.SOD', 'DG1'…: for progress and notes. */
  name: string;
  fid: number;
  /** Short file ID: lets READ BINARY select the file itself (P1 = 80 | SFI). */
  sfi?: number;
}

export const EF_CARD_ACCESS: EfReference = { name: 'EF.CardAccess', fid: 0x011c, sfi: 0x1c };
export const EF_COM: EfReference = { name: 'EF.COM', fid: 0x011e, sfi: 0x1e };
export const EF_SOD: EfReference = { name: 'EF.SOD', fid: 0x011d, sfi: 0x1d };

export type LdsFileName = 'EF.COM' | 'EF.SOD' | `DG${number}`;

export function dataGroupFile(number: number): EfReference {
  if (!Number.isInteger(number) || number < 1 || number > 16) throw new RangeError(`no data group ${number}`);
  return { name: `DG${number}`, fid: 0x0100 | number, sfi: number };
}

/** The eMRTD (LDS1) application. */
export const EMRTD_APPLICATION_ID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);
