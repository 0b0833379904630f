/**
 * ISO 7816-4 command and response APDUs: encoding with short or extended
 * lengths, decoding (a secure channel and the test chip both receive raw bytes),
 * and status-word helpers.
 */
import { toHex } from './bytes.ts';
import { EmrtdError } from './errors.ts';
import type { ErrorCode } from '../../domain/errors.ts';

/** Sends one command APDU to the card and resolves with its response (data followed by SW1 SW2). */
export type Transmit = (apdu: Uint8Array) => Promise<Uint8Array>;

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data; Nc = its length (0 to 65535). */
  data?: Uint8Array;
  /**
   * Ne, the most response bytes expected: 1 to 256 fits a short Le (256 is sent as 00),
   * up to 65536 needs an extended Le. Absent: no Le field at all (cases 1 and 3).
   */
  ne?: number;
}

export interface DecodedCommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  ne: number | undefined;
  extended: boolean;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export const SHORT_MAX_NC = 255;
export const SHORT_MAX_NE = 256;
export const EXTENDED_MAX_NC = 65535;
export const EXTENDED_MAX_NE = 65536;

export interface EncodeOptions {
  /** Use extended length fields even when the lengths would fit short ones. */
  extended?: boolean;
}

export function needsExtendedLength(command: CommandApdu): boolean {
  return (command.data?.length ?? 0) > SHORT_MAX_NC || (command.ne ?? 0) > SHORT_MAX_NE;
}

export function encodeCommand(command: CommandApdu, options: EncodeOptions = {}): Uint8Array {
  for (const field of ['cla', 'ins', 'p1', 'p2'] as const) {
    const value = command[field];
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new EmrtdError('apdu-malformed', `${field.toUpperCase()} must be one byte, got ${value}`);
    }
  }
  const data = command.data ?? new Uint8Array(0);
  const { ne } = command;
  if (data.length > EXTENDED_MAX_NC) throw new EmrtdError('apdu-malformed', `command data too long: ${data.length} bytes`);
  if (ne !== undefined && (!Number.isInteger(ne) || ne < 1 || ne > EXTENDED_MAX_NE)) {
    throw new EmrtdError('apdu-malformed', `Ne must be 1 to ${EXTENDED_MAX_NE}, got ${ne}`);
  }
  const extended = options.extended === true || needsExtendedLength(command);
  const header = [command.cla, command.ins, command.p1, command.p2];
  const out: number[] = [...header];
  if (data.length > 0) {
    if (extended) out.push(0x00, data.length >> 8, data.length & 0xff);
    else out.push(data.length);
    out.push(...data);
  }
  if (ne !== undefined) {
    if (!extended) out.push(ne & 0xff);
    else {
      const le = ne === EXTENDED_MAX_NE ? 0 : ne;
      // With no Lc, an extended Le is introduced by its own 00 byte.
      if (data.length === 0) out.push(0x00);
      out.push(le >> 8, le & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Decodes the four ISO 7816-3 cases, short or extended; anything else is 'apdu-malformed'. */
export function decodeCommand(apdu: Uint8Array): DecodedCommandApdu {
  if (apdu.length < 4) throw new EmrtdError('apdu-malformed', `command APDU of ${apdu.length} bytes`);
  const [cla, ins, p1, p2] = apdu as unknown as [number, number, number, number];
  const header = { cla, ins, p1, p2 };
  const body = apdu.subarray(4);
  const empty = new Uint8Array(0);
  if (body.length === 0) return { ...header, data: empty, ne: undefined, extended: false };
  const first = body[0] as number;
  if (body.length === 1) return { ...header, data: empty, ne: first === 0 ? 256 : first, extended: false };
  if (first !== 0) {
    const nc = first;
    if (body.length === 1 + nc) return { ...header, data: body.slice(1), ne: undefined, extended: false };
    if (body.length === 2 + nc) {
      const le = body[1 + nc] as number;
      return { ...header, data: body.slice(1, 1 + nc), ne: le === 0 ? 256 : le, extended: false };
    }
    throw new EmrtdError('apdu-malformed', `Lc ${nc} does not match a body of ${body.length} bytes`);
  }
  if (body.length < 3) throw new EmrtdError('apdu-malformed', 'an extended length field needs three bytes');
  if (body.length === 3) {
    const le = ((body[1] as number) << 8) | (body[2] as number);
    return { ...header, data: empty, ne: le === 0 ? EXTENDED_MAX_NE : le, extended: true };
  }
  const nc = ((body[1] as number) << 8) | (body[2] as number);
  if (nc === 0) throw new EmrtdError('apdu-malformed', 'extended Lc of zero');
  if (body.length === 3 + nc) return { ...header, data: body.slice(3), ne: undefined, extended: true };
  if (body.length === 5 + nc) {
    const le = ((body[3 + nc] as number) << 8) | (body[4 + nc] as number);
    return { ...header, data: body.slice(3, 3 + nc), ne: le === 0 ? EXTENDED_MAX_NE : le, extended: true };
  }
  throw new EmrtdError('apdu-malformed', `extended Lc ${nc} does not match a body of ${body.length} bytes`);
}

export function parseResponse(response: Uint8Array): ResponseApdu {
  if (response.length < 2) throw new EmrtdError('apdu-malformed', `response of ${response.length} bytes has no status word`);
  const n = response.length;
  return { data: response.slice(0, n - 2), sw: ((response[n - 2] as number) << 8) | (response[n - 1] as number) };
}

export function encodeResponse(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export async function sendCommand(transmit: Transmit, command: CommandApdu, options?: EncodeOptions): Promise<ResponseApdu> {
  return parseResponse(await transmit(encodeCommand(command, options)));
}

export const SW = {
  SUCCESS: 0x9000,
  END_OF_FILE: 0x6282,
  AUTHENTICATION_FAILED: 0x6300,
  WRONG_LENGTH: 0x6700,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_METHOD_BLOCKED: 0x6983,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  SM_DATA_OBJECTS_MISSING: 0x6987,
  SM_DATA_OBJECTS_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  LC_INCONSISTENT_WITH_P1P2: 0x6a87,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  UNKNOWN: 0x6f00,
} as const;

const SW_TEXT: Record<number, string> = {
  [SW.SUCCESS]: 'success',
  [SW.END_OF_FILE]: 'end of file reached before Le bytes',
  [SW.AUTHENTICATION_FAILED]: 'authentication failed',
  [SW.WRONG_LENGTH]: 'wrong length',
  [SW.SECURE_MESSAGING_NOT_SUPPORTED]: 'secure messaging not supported',
  [SW.SECURITY_STATUS_NOT_SATISFIED]: 'security status not satisfied',
  [SW.AUTHENTICATION_METHOD_BLOCKED]: 'authentication method blocked',
  [SW.CONDITIONS_NOT_SATISFIED]: 'conditions of use not satisfied',
  [SW.NO_CURRENT_EF]: 'command not allowed (no current EF)',
  [SW.SM_DATA_OBJECTS_MISSING]: 'expected secure messaging data objects missing',
  [SW.SM_DATA_OBJECTS_INCORRECT]: 'secure messaging data objects incorrect',
  [SW.WRONG_DATA]: 'incorrect data',
  [SW.FUNCTION_NOT_SUPPORTED]: 'function not supported',
  [SW.FILE_NOT_FOUND]: 'file not found',
  [SW.INCORRECT_P1P2]: 'incorrect P1-P2',
  [SW.LC_INCONSISTENT_WITH_P1P2]: 'Lc inconsistent with P1-P2',
  [SW.REFERENCED_DATA_NOT_FOUND]: 'referenced data not found',
  [SW.WRONG_P1P2]: 'wrong P1-P2',
  [SW.INS_NOT_SUPPORTED]: 'instruction not supported',
  [SW.CLA_NOT_SUPPORTED]: 'class not supported',
  [SW.UNKNOWN]: 'no precise diagnosis',
};

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function describeSw(sw: number): string {
  const known = SW_TEXT[sw];
  if (known !== undefined) return `${swHex(sw)} ${known}`;
  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw1 === 0x61) return `${swHex(sw)} ${sw2} response bytes still available`;
  if (sw1 === 0x6c) return `${swHex(sw)} wrong Le, ${sw2 === 0 ? 256 : sw2} bytes available`;
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return `${swHex(sw)} verification failed, ${sw2 & 0x0f} tries left`;
  return swHex(sw);
}

/** 9000, or 61XX (more bytes available): the command was carried out. */
export function isSuccess(sw: number): boolean {
  return sw === SW.SUCCESS || sw >> 8 === 0x61;
}

/** The status words that mean "wrong key or password", so the clerk is told to check the input. */
export function isAccessDenial(sw: number): boolean {
  return (
    sw === SW.SECURITY_STATUS_NOT_SATISFIED ||
    sw === SW.AUTHENTICATION_METHOD_BLOCKED ||
    sw === SW.AUTHENTICATION_FAILED ||
    (sw >> 8 === 0x63 && (sw & 0xf0) === 0xc0)
  );
}

export function statusError(sw: number, context: string, code?: ErrorCode): EmrtdError {
  return new EmrtdError('status-word', `${context}: ${describeSw(sw)}`, {
    sw,
    code: code ?? (isAccessDenial(sw) ? 'ACCESS_DENIED' : 'INTERNAL'),
  });
}

/** The response data when the command succeeded, else a 'status-word' error naming the step. */
export function requireSuccess(response: ResponseApdu, context: string): Uint8Array {
  if (!isSuccess(response.sw)) throw statusError(response.sw, context);
  return response.data;
}

/** "00 A4 04 0C": the part of a command that is safe to log. */
export function headerHex(apdu: Uint8Array): string {
  return toHex(apdu.subarray(0, 4)).replace(/(..)(?!$)/g, '$1 ');
}
