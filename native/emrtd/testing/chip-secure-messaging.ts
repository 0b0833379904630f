/** The chip's half of secure messaging: open protected commands, protect responses. */
import { encodeResponse, SW, type DecodedCommandApdu } from '../apdu.ts';
import { concatBytes, constantTimeEqual } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import {
  computeMac,
  decodeLe,
  decryptDataObject,
  DO85,
  DO87,
  encryptedDataObject,
  isOddIns,
  macDataObject,
  parseProtectedData,
  statusDataObject,
} from '../sm/data-objects.ts';
import { pad } from '../sm/padding.ts';
import { smCipherFor, type SessionKeys, type SmCipher } from '../sm/session-keys.ts';
import { incrementSsc } from '../sm/ssc.ts';
import { SM_CLA_BITS } from '../sm/wrap.ts';

export type UnwrappedCommand = { ok: true; command: DecodedCommandApdu } | { ok: false; sw: number };

export class ChipSecureMessaging {
  readonly #cipher: SmCipher;
  readonly #ssc: Uint8Array;

  constructor(keys: SessionKeys) {
    this.#cipher = smCipherFor(keys);
    this.#ssc = keys.ssc.slice();
  }

  get ssc(): Uint8Array {
    return this.#ssc.slice();
  }

  unwrapCommand(command: DecodedCommandApdu): UnwrappedCommand {
    incrementSsc(this.#ssc);
    if ((command.cla & SM_CLA_BITS) !== SM_CLA_BITS) return { ok: false, sw: SW.SM_DATA_OBJECTS_MISSING };
    try {
      const parts = parseProtectedData(command.data);
      if (parts.status !== undefined) return { ok: false, sw: SW.SM_DATA_OBJECTS_INCORRECT };
      const header = Uint8Array.of(command.cla, command.ins, command.p1, command.p2);
      const expected = computeMac(this.#cipher, this.#ssc, pad(header, this.#cipher.blockSize), parts.covered);
      if (!constantTimeEqual(expected, parts.mac)) return { ok: false, sw: SW.SM_DATA_OBJECTS_INCORRECT };
      const cryptogram = parts.cryptogram;
      if (cryptogram !== undefined && cryptogram.tag !== (isOddIns(command.ins) ? DO85 : DO87)) {
        return { ok: false, sw: SW.SM_DATA_OBJECTS_INCORRECT };
      }
      const data = cryptogram === undefined ? new Uint8Array(0) : decryptDataObject(this.#cipher, this.#ssc, cryptogram);
      return {
        ok: true,
        command: {
          cla: command.cla & ~SM_CLA_BITS,
          ins: command.ins,
          p1: command.p1,
          p2: command.p2,
          data,
          ne: parts.le === undefined ? undefined : decodeLe(parts.le),
          extended: command.extended,
        },
      };
    } catch (error) {
      if (isEmrtdError(error)) return { ok: false, sw: SW.SM_DATA_OBJECTS_INCORRECT };
      throw error;
    }
  }

  wrapResponse(data: Uint8Array, sw: number, oddIns: boolean): Uint8Array {
    incrementSsc(this.#ssc);
    const cryptogram = data.length > 0 ? encryptedDataObject(this.#cipher, this.#ssc, data, oddIns) : new Uint8Array(0);
    const status = statusDataObject(sw);
    const mac = computeMac(this.#cipher, this.#ssc, cryptogram, status);
    return encodeResponse(concatBytes(cryptogram, status, macDataObject(mac)), sw);
  }
}
