/**
 * Terminal side of secure messaging: protect a command, check and open the
 * response. Each call advances the SSC first, as ICAO 9303-11 §9.8 requires.
 */
import { decodeCommand, encodeCommand, encodeResponse, isSuccess, parseResponse, SHORT_MAX_NC, SHORT_MAX_NE, type DecodedCommandApdu } from '../apdu.ts';
import { concatBytes, constantTimeEqual } from '../bytes.ts';
import { EmrtdError } from '../errors.ts';
import { computeMac, decryptDataObject, encryptedDataObject, isOddIns, leDataObject, macDataObject, parseProtectedData } from './data-objects.ts';
import { pad } from './padding.ts';
import type { SmCipher } from './session-keys.ts';
import { incrementSsc } from './ssc.ts';

export type PlainCommand = Pick<DecodedCommandApdu, 'cla' | 'ins' | 'p1' | 'p2' | 'data' | 'ne'> & { extended?: boolean };

export const SM_CLA_BITS = 0x0c;

export function wrapCommand(cipher: SmCipher, ssc: Uint8Array, command: PlainCommand): Uint8Array {
  if ((command.cla & SM_CLA_BITS) === SM_CLA_BITS) throw new EmrtdError('apdu-malformed', 'command is already protected');
  incrementSsc(ssc);
  const cla = command.cla | SM_CLA_BITS;
  const header = Uint8Array.of(cla, command.ins, command.p1, command.p2);
  const cryptogram = command.data.length > 0 ? encryptedDataObject(cipher, ssc, command.data, isOddIns(command.ins)) : new Uint8Array(0);
  const le = command.ne !== undefined ? leDataObject(command.ne) : new Uint8Array(0);
  const mac = computeMac(cipher, ssc, pad(header, cipher.blockSize), cryptogram, le);
  const data = concatBytes(cryptogram, le, macDataObject(mac));
  const extended =
    command.extended === true || command.data.length > SHORT_MAX_NC || (command.ne ?? 0) > SHORT_MAX_NE || data.length > SHORT_MAX_NC;
  return encodeCommand({ cla, ins: command.ins, p1: command.p1, p2: command.p2, data, ne: extended ? 65536 : 256 }, { extended });
}

export function wrapCommandBytes(cipher: SmCipher, ssc: Uint8Array, apdu: Uint8Array): Uint8Array {
  return wrapCommand(cipher, ssc, decodeCommand(apdu));
}

/**
 * Verifies the response MAC and returns the plain response (data ‖ SW from DO99).
 * A bare error status word carries no data and is passed through; a bare
 * success is refused, since nothing authenticates it.
 */
export function unwrapResponse(cipher: SmCipher, ssc: Uint8Array, response: Uint8Array): Uint8Array {
  incrementSsc(ssc);
  const { data, sw } = parseResponse(response);
  if (data.length === 0) {
    if (isSuccess(sw)) throw new EmrtdError('sm-mac-missing', `unprotected ${sw.toString(16)} under secure messaging`, { sw });
    return response.slice();
  }
  const parts = parseProtectedData(data);
  if (parts.le !== undefined) throw new EmrtdError('sm-malformed', 'DO97 in a response');
  if (parts.status === undefined) throw new EmrtdError('sm-malformed', 'response without DO99');
  const expected = computeMac(cipher, ssc, parts.covered);
  if (!constantTimeEqual(expected, parts.mac)) throw new EmrtdError('sm-mac-invalid', 'response MAC does not verify');
  if (parts.status.value.length !== 2) throw new EmrtdError('sm-malformed', `DO99 of ${parts.status.value.length} bytes`);
  const status = ((parts.status.value[0] as number) << 8) | (parts.status.value[1] as number);
  const plain = parts.cryptogram !== undefined ? decryptDataObject(cipher, ssc, parts.cryptogram) : new Uint8Array(0);
  return encodeResponse(plain, status);
}
