/**
 * One step of PACE's GENERAL AUTHENTICATE: the data goes in a dynamic
 * authentication data object 7C, and every step but the last is chained (CLA 10).
 */
import { describeSw, isAccessDenial, requireSuccess, sendCommand, type Transmit } from '../apdu.ts';
import { EmrtdError } from '../errors.ts';
import { childrenOf, decodeTlv, encodeTlv, requireTlv, tagHex, type Tlv } from '../tlv.ts';

const DYNAMIC_AUTHENTICATION_DATA = 0x7c;

export interface GeneralAuthenticateStep {
  /** The data object to send inside 7C; absent for the first step's empty 7C. */
  send?: { tag: number; value: Uint8Array };
  /** The tag the chip must answer with inside 7C. */
  expect: number;
  last: boolean;
  name: string;
}

/** Sends one step and returns the chip's data objects inside 7C (the expected one first). */
export async function generalAuthenticate(transmit: Transmit, step: GeneralAuthenticateStep): Promise<{ answer: Tlv; all: Tlv[] }> {
  const inner = step.send === undefined ? new Uint8Array(0) : encodeTlv(step.send.tag, step.send.value);
  const response = await sendCommand(transmit, {
    cla: step.last ? 0x00 : 0x10,
    ins: 0x86,
    p1: 0x00,
    p2: 0x00,
    data: encodeTlv(DYNAMIC_AUTHENTICATION_DATA, inner),
    ne: 256,
  });
  if (isAccessDenial(response.sw)) {
    throw new EmrtdError('auth-failed', `PACE ${step.name}: the chip rejected the password (${describeSw(response.sw)})`, { sw: response.sw });
  }
  const data = requireSuccess(response, `PACE ${step.name}`);
  const outer = decodeTlv(data);
  if (outer.tag !== DYNAMIC_AUTHENTICATION_DATA) {
    throw new EmrtdError('tlv-malformed', `PACE ${step.name}: expected 7C, found ${tagHex(outer.tag)}`);
  }
  const all = childrenOf(outer);
  return { answer: requireTlv(all, step.expect, `PACE ${step.name}`), all };
}
