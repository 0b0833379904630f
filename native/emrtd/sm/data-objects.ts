/**
 * The secure-messaging data objects of ICAO 9303-11 §9.8, shared by the
 * terminal side (wrap.ts) and the test chip: DO87/DO85 (cryptogram), DO97
 * (Le), DO99 (status word), DO8E (MAC).
 */
import { concatBytes } from '../bytes.ts';
import { EmrtdError, isEmrtdError } from '../errors.ts';
import { decodeTlvList, encodeTlv, type Tlv } from '../tlv.ts';
import { pad, unpad } from './padding.ts';
import { MAC_LENGTH, type SmCipher } from './session-keys.ts';

/** Padding-content indicator and cryptogram; used with even INS. */
export const DO87 = 0x87;
/** Cryptogram of BER-TLV data, no indicator; used with odd INS (e.g. READ BINARY B1). */
export const DO85 = 0x85;
export const DO97 = 0x97;
export const DO99 = 0x99;
export const DO8E = 0x8e;

const PADDING_INDICATOR = 0x01;

export function isOddIns(ins: number): boolean {
  return (ins & 0x01) === 1;
}

export function encryptedDataObject(cipher: SmCipher, ssc: Uint8Array, plain: Uint8Array, oddIns: boolean): Uint8Array {
  const cryptogram = cipher.encrypt(ssc, pad(plain, cipher.blockSize));
  return oddIns ? encodeTlv(DO85, cryptogram) : encodeTlv(DO87, concatBytes(Uint8Array.of(PADDING_INDICATOR), cryptogram));
}

export function decryptDataObject(cipher: SmCipher, ssc: Uint8Array, object: Tlv): Uint8Array {
  let cryptogram = object.value;
  if (object.tag === DO87) {
    if (cryptogram[0] !== PADDING_INDICATOR) throw new EmrtdError('sm-malformed', 'DO87 without padding indicator 01');
    cryptogram = cryptogram.subarray(1);
  }
  if (cryptogram.length === 0 || cryptogram.length % cipher.blockSize !== 0) {
    throw new EmrtdError('sm-malformed', `cryptogram of ${cryptogram.length} bytes`);
  }
  return unpad(cipher.decrypt(ssc, cryptogram), cipher.blockSize);
}

/** DO97: Ne as one byte (256 as 00) or, above 256, two bytes (65536 as 0000). */
export function leDataObject(ne: number): Uint8Array {
  if (ne <= 256) return encodeTlv(DO97, Uint8Array.of(ne & 0xff));
  return encodeTlv(DO97, Uint8Array.of((ne >> 8) & 0xff, ne & 0xff));
}

export function decodeLe(object: Tlv): number {
  const v = object.value;
  if (v.length === 1) return v[0] === 0 ? 256 : (v[0] as number);
  if (v.length === 2) {
    const ne = ((v[0] as number) << 8) | (v[1] as number);
    return ne === 0 ? 65536 : ne;
  }
  throw new EmrtdError('sm-malformed', `DO97 of ${v.length} bytes`);
}

export function statusDataObject(sw: number): Uint8Array {
  return encodeTlv(DO99, Uint8Array.of(sw >> 8, sw & 0xff));
}

export function macDataObject(mac: Uint8Array): Uint8Array {
  return encodeTlv(DO8E, mac);
}

/** MAC over pad(SSC ‖ parts), the rule for both commands and responses. */
export function computeMac(cipher: SmCipher, ssc: Uint8Array, ...parts: readonly Uint8Array[]): Uint8Array {
  return cipher.mac(pad(concatBytes(ssc, ...parts), cipher.blockSize));
}

export interface ProtectedParts {
  cryptogram: Tlv | undefined;
  le: Tlv | undefined;
  status: Tlv | undefined;
  mac: Uint8Array;
  /** The encoded data objects before DO8E, exactly as received: the MAC covers these bytes. */
  covered: Uint8Array;
}

/** The order ICAO 9303-11 gives: cryptogram, then Le or status word, then the MAC last. */
const ORDER: Record<number, number> = { [DO85]: 0, [DO87]: 0, [DO97]: 1, [DO99]: 2 };

export function parseProtectedData(data: Uint8Array): ProtectedParts {
  let objects: Tlv[];
  try {
    objects = decodeTlvList(data);
  } catch (error) {
    if (isEmrtdError(error, 'tlv-malformed')) throw new EmrtdError('sm-malformed', `secure messaging data: ${error.message}`, { cause: error });
    throw error;
  }
  const last = objects.at(-1);
  if (last === undefined || last.tag !== DO8E) throw new EmrtdError('sm-mac-missing', 'secure messaging data without DO8E');
  if (last.value.length !== MAC_LENGTH) throw new EmrtdError('sm-malformed', `DO8E of ${last.value.length} bytes`);
  const parts: ProtectedParts = {
    cryptogram: undefined,
    le: undefined,
    status: undefined,
    mac: last.value,
    covered: data.slice(0, data.length - last.encoded.length),
  };
  let position = -1;
  for (const object of objects.slice(0, -1)) {
    const rank = ORDER[object.tag];
    if (rank === undefined) throw new EmrtdError('sm-malformed', `unexpected secure messaging tag ${object.tag.toString(16).toUpperCase()}`);
    if (rank <= position) throw new EmrtdError('sm-malformed', 'secure messaging data objects out of order or repeated');
    position = rank;
    if (rank === 0) parts.cryptogram = object;
    else if (rank === 1) parts.le = object;
    else parts.status = object;
  }
  return parts;
}
