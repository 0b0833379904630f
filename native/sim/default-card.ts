/**
 * The rig's default card: knows one application (the ICAO eMRTD AID) and nothing
 * else, and answers everything with the status word a real card would give.
 */
import type { CardBehaviour } from './card.ts';

export const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);

const INS_SELECT = 0xa4;
const INS_READ_BINARY = 0xb0;

export const SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  COMMAND_NOT_ALLOWED_NO_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** T=0 and T=1 offered, the given historical bytes, and a correct check byte. */
export function buildAtr(historical: Uint8Array): Uint8Array {
  if (historical.length > 15) throw new RangeError('an ATR carries at most 15 historical bytes');
  const body = Uint8Array.of(0x80 | historical.length, 0x80, 0x01, ...historical);
  const tck = body.reduce((x, byte) => x ^ byte, 0);
  return Uint8Array.of(0x3b, ...body, tck);
}

export const DEFAULT_ATR = buildAtr(new TextEncoder().encode('TiepDon'));

export function createCard(options: unknown = {}): CardBehaviour {
  const atr = atrFromOptions(options) ?? DEFAULT_ATR;
  const status = (sw: number) => Uint8Array.of(sw >> 8, sw & 0xff);

  return {
    atr,
    transmit(apdu) {
      const command = parseShortApdu(apdu);
      if (!command) return status(SW.WRONG_LENGTH);
      if (command.cla === 0xff) return status(SW.CLA_NOT_SUPPORTED);
      switch (command.ins) {
        case INS_SELECT:
          if (command.p1 === 0x04) return status(sameBytes(command.data, EMRTD_AID) ? SW.OK : SW.FILE_NOT_FOUND);
          // Selecting by file identifier or path: this card has no files.
          if (command.p1 <= 0x09) return status(SW.FILE_NOT_FOUND);
          return status(SW.WRONG_P1P2);
        case INS_READ_BINARY:
          return status(SW.COMMAND_NOT_ALLOWED_NO_EF);
        default:
          return status(SW.INS_NOT_SUPPORTED);
      }
    },
  };
}

interface ShortApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
}

/** ISO 7816-4 short APDU, cases 1 to 4; undefined when the lengths do not add up. */
export function parseShortApdu(apdu: Uint8Array): ShortApdu | undefined {
  if (apdu.length < 4) return undefined;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = apdu;
  const header = { cla, ins, p1, p2 };
  if (apdu.length <= 5) return { ...header, data: new Uint8Array(0) }; // case 1 or 2
  const lc = apdu[4] ?? 0;
  if (lc === 0) return undefined; // an extended-length APDU: not spoken here
  const rest = apdu.length - 5 - lc;
  if (rest !== 0 && rest !== 1) return undefined; // case 3 has no Le, case 4 one byte of it
  return { ...header, data: apdu.slice(5, 5 + lc) };
}

function atrFromOptions(options: unknown): Uint8Array | undefined {
  if (typeof options !== 'object' || options === null || !('atrHex' in options)) return undefined;
  const hex = (options as { atrHex: unknown }).atrHex;
  if (typeof hex !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(hex)) throw new Error('atrHex must be hex bytes');
  return Uint8Array.from(hex.match(/../g)!.map((byte) => parseInt(byte, 16)));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
