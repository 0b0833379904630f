/**
 * An in-memory eMRTD chip: APDUs in, APDUs out, no I/O. It holds EF.CardAccess
 * at the MF and the LDS1 application's files, and speaks BAC, PACE (ECDH
 * generic mapping) and secure messaging. Its randomness can be scripted, so it
 * replays the ICAO worked examples where their chip-side values are known.
 * It has the shape of a virtual card behind vpcd (atr, transmit, reset).
 *
 * Options beyond access control (a contract the virtual card in native/sim builds on):
 * - activeAuthentication: { privateKey: KeyObject } answers INTERNAL AUTHENTICATE (88)
 *   under access control: RSA with ISO/IEC 9796-2 scheme 1 and SHA-1, EC with plain ECDSA.
 * - chipAuthentication: { privateKey: bigint | bytes, parameterId, keyId?, oid? } answers
 *   MSE:Set AT 41A4 + GENERAL AUTHENTICATE (AES) or MSE:Set KAT 41A6 (3DES) under
 *   secure messaging and restarts it with the new keys, SSC = 0.
 * - faults: { maxLe?, deniedFiles? } (faults.ts): 6700 above an Le, 6982 on given files.
 */
import { decodeCommand, encodeResponse, SW, type DecodedCommandApdu } from '../apdu.ts';
import { deriveBacKeys, type MrzKey } from '../bac/mrz-key.ts';
import { bytesEqual, fromHex } from '../bytes.ts';
import { secureRandomBytes, type RandomBytes } from '../crypto/random.ts';
import { isEmrtdError } from '../errors.ts';
import { CCCD_CARD_ACCESS, parseCardAccess } from '../pace/card-access.ts';
import { isOddIns } from '../sm/data-objects.ts';
import type { SessionKeys } from '../sm/session-keys.ts';
import { SM_CLA_BITS } from '../sm/wrap.ts';
import { decodeTlv, encodeTlv } from '../tlv.ts';
import { ChipActiveAuthentication, type ChipActiveAuthenticationOptions } from './chip-aa.ts';
import { ChipBac, type ChipAnswer } from './chip-bac.ts';
import { ChipChipAuthentication, type ChipChipAuthenticationOptions } from './chip-ca.ts';
import { ChipPace } from './chip-pace.ts';
import { ChipSecureMessaging } from './chip-secure-messaging.ts';
import type { ChipFaults } from './faults.ts';

export const EMRTD_AID = fromHex('A0000002471001');
export const FID_CARD_ACCESS = 0x011c;

export interface ChipModelOptions {
  /** The holder's MRZ key: enables BAC and PACE with the MRZ password. */
  mrz?: MrzKey;
  /** Enables PACE with the card access number. */
  can?: string;
  /** EF.CardAccess at the MF; the CCCD content by default, null for none (then no PACE). */
  cardAccess?: Uint8Array | null;
  /** Files of the LDS1 application by file ID (EF.COM 011E, EF.SOD 011D, DGn 01nn). */
  files?: Readonly<Record<number, Uint8Array>>;
  /** Serve the application's files without secure messaging (a chip without access control). */
  openAccess?: boolean;
  random?: RandomBytes;
  atr?: Uint8Array;
  /** Enables INTERNAL AUTHENTICATE (88): RSA keys sign with ISO/IEC 9796-2 scheme 1 and SHA-1, EC keys with plain ECDSA. */
  activeAuthentication?: ChipActiveAuthenticationOptions;
  /** Enables Chip Authentication with ECDH (MSE:Set AT 41A4 + GENERAL AUTHENTICATE, or MSE:Set KAT 41A6) under secure messaging. */
  chipAuthentication?: ChipChipAuthenticationOptions;
  /** Refusals the chip makes itself (Le limit, EAC-protected files): see faults.ts. */
  faults?: ChipFaults;
}

export interface ChipModel {
  readonly atr: Uint8Array;
  transmit(apdu: Uint8Array): Uint8Array;
  /** Power cycle: forgets selections, protocol state and session keys. */
  reset(): void;
  powerOff(): void;
  /** Whether a secure-messaging session is open. */
  readonly secured: boolean;
}

/** A contactless-looking ATR (PC/SC contactless prefix). */
export const DEFAULT_ATR = fromHex('3B80800101');

type Folder = 'mf' | 'application';

const NOTHING = new Uint8Array(0);

function shortFileId(fid: number): number | undefined {
  return fid >> 8 === 0x01 && (fid & 0xff) <= 0x1e ? fid & 0xff : undefined;
}

export function createChipModel(options: ChipModelOptions = {}): ChipModel {
  const random = options.random ?? secureRandomBytes;
  const cardAccess = options.cardAccess === undefined ? CCCD_CARD_ACCESS : options.cardAccess;
  const mfFiles = new Map<number, Uint8Array>(cardAccess === null ? [] : [[FID_CARD_ACCESS, cardAccess]]);
  const applicationFiles = new Map<number, Uint8Array>(Object.entries(options.files ?? {}).map(([fid, content]) => [Number(fid), content]));
  const bac = options.mrz === undefined ? undefined : new ChipBac(deriveBacKeys(options.mrz), random);
  const paceInfos = cardAccess === null ? [] : parseCardAccess(cardAccess).paceInfos;
  const activeAuthentication =
    options.activeAuthentication === undefined ? undefined : new ChipActiveAuthentication(options.activeAuthentication, random);
  const chipAuthentication = options.chipAuthentication === undefined ? undefined : new ChipChipAuthentication(options.chipAuthentication);
  const deniedFiles = new Set(options.faults?.deniedFiles ?? []);
  const maxLe = options.faults?.maxLe;
  const pace = new ChipPace(paceInfos, { ...(options.can !== undefined && { can: options.can }), ...(options.mrz !== undefined && { mrz: options.mrz }) }, random);

  let folder: Folder = 'mf';
  let file: { fid: number; content: Uint8Array } | undefined;
  let session: ChipSecureMessaging | undefined;

  const filesOf = (where: Folder) => (where === 'mf' ? mfFiles : applicationFiles);
  const reply = (sw: number, data: Uint8Array = NOTHING): ChipAnswer => ({ data, sw });

  function mayRead(): boolean {
    return folder === 'mf' || options.openAccess === true || session !== undefined;
  }

  function selectFile(fid: number): ChipAnswer {
    const content = filesOf(folder).get(fid);
    if (content === undefined) return reply(SW.FILE_NOT_FOUND);
    if (folder === 'application' && deniedFiles.has(fid)) return reply(SW.SECURITY_STATUS_NOT_SATISFIED);
    file = { fid, content };
    return reply(SW.SUCCESS);
  }

  function select(command: DecodedCommandApdu): ChipAnswer {
    const { p1, data } = command;
    if (p1 === 0x04) {
      if (!bytesEqual(data, EMRTD_AID)) return reply(SW.FILE_NOT_FOUND);
      folder = 'application';
      file = undefined;
      return reply(SW.SUCCESS);
    }
    if (p1 === 0x00 && (data.length === 0 || (data.length === 2 && data[0] === 0x3f && data[1] === 0x00))) {
      folder = 'mf';
      file = undefined;
      return reply(SW.SUCCESS);
    }
    if ((p1 === 0x00 || p1 === 0x02) && data.length === 2) return selectFile(((data[0] as number) << 8) | (data[1] as number));
    return reply(SW.INCORRECT_P1P2);
  }

  function selectByShortFileId(sfi: number): number {
    for (const [fid, content] of filesOf(folder)) {
      if (shortFileId(fid) === sfi) {
        if (folder === 'application' && deniedFiles.has(fid)) return SW.SECURITY_STATUS_NOT_SATISFIED;
        file = { fid, content };
        return SW.SUCCESS;
      }
    }
    return SW.FILE_NOT_FOUND;
  }

  function readSlice(offset: number, ne: number | undefined): ChipAnswer | Uint8Array {
    if (file === undefined) return reply(SW.NO_CURRENT_EF);
    if (!mayRead()) return reply(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (ne === undefined) return reply(SW.WRONG_LENGTH);
    if (offset > file.content.length) return reply(SW.WRONG_P1P2);
    return file.content.slice(offset, offset + ne);
  }

  function readBinary(command: DecodedCommandApdu): ChipAnswer {
    const { p1, p2 } = command;
    let offset: number;
    if (maxLe !== undefined && (command.ne ?? 0) > maxLe) return reply(SW.WRONG_LENGTH);
    if ((p1 & 0x80) !== 0) {
      if ((p1 & 0x60) !== 0) return reply(SW.FILE_NOT_FOUND);
      const selected = selectByShortFileId(p1 & 0x1f);
      if (selected !== SW.SUCCESS) return reply(selected);
      offset = p2;
    } else {
      offset = (p1 << 8) | p2;
    }
    const result = readSlice(offset, command.ne);
    return result instanceof Uint8Array ? reply(SW.SUCCESS, result) : result;
  }

  /** READ BINARY with odd INS: the offset comes in DO54, the data goes back in DO53. */
  function readBinaryOdd(command: DecodedCommandApdu): ChipAnswer {
    if (maxLe !== undefined && (command.ne ?? 0) > maxLe) return reply(SW.WRONG_LENGTH);
    if (command.p1 !== 0 || command.p2 !== 0) {
      const selected = selectFile((command.p1 << 8) | command.p2);
      if (selected.sw !== SW.SUCCESS) return selected;
    }
    let offset: number;
    try {
      const object = decodeTlv(command.data);
      if (object.tag !== 0x54 || object.value.length === 0 || object.value.length > 3) return reply(SW.WRONG_DATA);
      offset = object.value.reduce((sum, byte) => sum * 256 + byte, 0);
    } catch (error) {
      if (isEmrtdError(error)) return reply(SW.WRONG_DATA);
      throw error;
    }
    // The DO53 header takes up to four of the Ne bytes.
    const result = readSlice(offset, command.ne === undefined ? undefined : Math.max(0, command.ne - 4));
    return result instanceof Uint8Array ? reply(SW.SUCCESS, encodeTlv(0x53, result)) : result;
  }

  function handle(command: DecodedCommandApdu): ChipAnswer {
    switch (command.ins) {
      case 0xa4:
        return select(command);
      case 0xb0:
        return readBinary(command);
      case 0xb1:
        return readBinaryOdd(command);
      case 0x84:
        return bac === undefined ? reply(SW.INS_NOT_SUPPORTED) : bac.getChallenge(command.ne);
      case 0x82:
        return bac === undefined ? reply(SW.INS_NOT_SUPPORTED) : bac.externalAuthenticate(command.data);
      case 0x22:
        return manageSecurityEnvironment(command);
      case 0x86:
        if (chipAuthentication?.pending === true) return chipAuthentication.generalAuthenticate(command.data);
        return pace.generalAuthenticate(command.cla, command.data);
      case 0x88:
        if (activeAuthentication === undefined) return reply(SW.INS_NOT_SUPPORTED);
        if (session === undefined && options.openAccess !== true) return reply(SW.SECURITY_STATUS_NOT_SATISFIED);
        return activeAuthentication.internalAuthenticate(command.data);
      default:
        return reply(SW.INS_NOT_SUPPORTED);
    }
  }

  /** MSE: Set AT for PACE (C1 A4) or for chip authentication (41 A4), Set KAT (41 A6). */
  function manageSecurityEnvironment(command: DecodedCommandApdu): ChipAnswer {
    const { p1, p2, data } = command;
    chipAuthentication?.reset();
    if (p1 === 0xc1 && p2 === 0xa4) return pace.setAuthenticationTemplate(data);
    if (p1 !== 0x41 || (p2 !== 0xa4 && p2 !== 0xa6)) return reply(SW.INCORRECT_P1P2);
    if (chipAuthentication === undefined) return reply(SW.REFERENCED_DATA_NOT_FOUND);
    if (session === undefined) return reply(SW.SECURITY_STATUS_NOT_SATISFIED);
    return p2 === 0xa4 ? chipAuthentication.setAuthenticationTemplate(data) : chipAuthentication.setKeyAgreementTemplate(data);
  }

  function open(keys: SessionKeys): void {
    session = new ChipSecureMessaging(keys);
  }

  function exchange(apdu: Uint8Array): Uint8Array {
    let command: DecodedCommandApdu;
    try {
      command = decodeCommand(apdu);
    } catch {
      return encodeResponse(NOTHING, SW.WRONG_LENGTH);
    }
    const secured = (command.cla & SM_CLA_BITS) === SM_CLA_BITS;
    if (session === undefined) {
      if (secured) return encodeResponse(NOTHING, SW.SM_DATA_OBJECTS_INCORRECT);
      const answer = handle(command);
      if (answer.sessionKeys !== undefined) open(answer.sessionKeys);
      return encodeResponse(answer.data, answer.sw);
    }
    const current = session;
    const unwrapped = current.unwrapCommand(command);
    if (!unwrapped.ok) {
      // Any secure-messaging error ends the session, as ICAO 9303-11 requires.
      session = undefined;
      return encodeResponse(NOTHING, unwrapped.sw);
    }
    const answer = handle(unwrapped.command);
    const response = current.wrapResponse(answer.data, answer.sw, isOddIns(command.ins));
    if (answer.sessionKeys !== undefined) open(answer.sessionKeys);
    return response;
  }

  function reset(): void {
    folder = 'mf';
    file = undefined;
    session = undefined;
    bac?.reset();
    pace.reset();
    chipAuthentication?.reset();
  }

  return {
    atr: options.atr ?? DEFAULT_ATR,
    get secured() {
      return session !== undefined;
    },
    transmit(apdu) {
      try {
        return exchange(apdu);
      } catch {
        return encodeResponse(NOTHING, SW.UNKNOWN);
      }
    },
    reset,
    powerOff: reset,
  };
}
