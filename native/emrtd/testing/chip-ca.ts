/**
 * The chip's half of Chip Authentication with ECDH: MSE:Set AT (41 A4) then
 * GENERAL AUTHENTICATE for AES, or MSE:Set KAT (41 A6) for 3DES. Both answer
 * under the old session keys and hand back new ones (SSC = 0).
 */
import { SW } from '../apdu.ts';
import { decodeOid } from '../asn1.ts';
import { bytesToBigint } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { standardCurve, type StandardCurve } from '../pace/curves.ts';
import { decodePublicKey, encodePoint, xCoordinate } from '../pace/ec.ts';
import { paceSessionKeys } from '../pace/pace.ts';
import { CA_ECDH_AES_CBC_CMAC_128, chipAuthenticationCipher } from '../read/chip-authentication.ts';
import { decodeTlv, decodeTlvList, encodeTlv, findTlv, type Tlv } from '../tlv.ts';
import type { ChipAnswer } from './chip-bac.ts';

/** Chip-model option `chipAuthentication`: the static key DG14 describes. */
export interface ChipChipAuthenticationOptions {
  /** The static private key: a scalar, or its big-endian bytes. */
  privateKey: bigint | Uint8Array;
  /** Standardized domain parameter ID of the key's curve (8–18; 13 = brainpoolP256r1). */
  parameterId: number;
  /** When set, the chip accepts 84 with this ID (and no other). */
  keyId?: number;
  /** ChipAuthenticationInfo protocol; CA-ECDH-AES-CBC-CMAC-128 by default. */
  oid?: string;
}

const NOTHING = new Uint8Array(0);
const answer = (sw: number, data: Uint8Array = NOTHING): ChipAnswer => ({ data, sw });

function keyIdOf(objects: readonly Tlv[]): number | undefined {
  const object = findTlv(objects, 0x84);
  return object === undefined ? undefined : object.value.reduce((sum, byte) => sum * 256 + byte, 0);
}

/** The public point for a chip-authentication private key, for building DG14 in tests. */
export function chipAuthenticationPublicKey(options: Pick<ChipChipAuthenticationOptions, 'privateKey' | 'parameterId'>): Uint8Array {
  const curve = standardCurve(options.parameterId);
  const scalar = typeof options.privateKey === 'bigint' ? options.privateKey : bytesToBigint(options.privateKey);
  return encodePoint(curve, curve.Point.BASE.multiply(scalar));
}

export class ChipChipAuthentication {
  readonly #curve: StandardCurve;
  readonly #privateKey: bigint;
  readonly #keyId: number | undefined;
  readonly #oid: string;
  #pending = false;

  constructor(options: ChipChipAuthenticationOptions) {
    this.#curve = standardCurve(options.parameterId);
    this.#privateKey = typeof options.privateKey === 'bigint' ? options.privateKey : bytesToBigint(options.privateKey);
    if (this.#privateKey <= 0n || this.#privateKey >= this.#curve.order) throw new RangeError('chip authentication private key out of range');
    this.#keyId = options.keyId;
    this.#oid = options.oid ?? CA_ECDH_AES_CBC_CMAC_128;
    if (chipAuthenticationCipher(this.#oid) === undefined) throw new RangeError(`unsupported chip authentication protocol ${this.#oid}`);
  }

  /** A GENERAL AUTHENTICATE is expected next (after MSE:Set AT for CA). */
  get pending(): boolean {
    return this.#pending;
  }

  reset(): void {
    this.#pending = false;
  }

  #keyIdAccepted(objects: readonly Tlv[]): boolean {
    const sent = keyIdOf(objects);
    return sent === undefined || sent === this.#keyId;
  }

  setAuthenticationTemplate(data: Uint8Array): ChipAnswer {
    this.reset();
    try {
      const objects = decodeTlvList(data);
      const protocol = findTlv(objects, 0x80);
      if (protocol === undefined) return answer(SW.WRONG_DATA);
      if (decodeOid(protocol.value) !== this.#oid) return answer(SW.REFERENCED_DATA_NOT_FOUND);
      if (!this.#keyIdAccepted(objects)) return answer(SW.REFERENCED_DATA_NOT_FOUND);
      this.#pending = true;
      return answer(SW.SUCCESS);
    } catch (error) {
      if (isEmrtdError(error)) return answer(SW.WRONG_DATA);
      throw error;
    }
  }

  /** MSE:Set KAT: the older form, key agreement in one command (3DES chips). */
  setKeyAgreementTemplate(data: Uint8Array): ChipAnswer {
    this.reset();
    try {
      const objects = decodeTlvList(data);
      const ephemeral = findTlv(objects, 0x91);
      if (ephemeral === undefined) return answer(SW.WRONG_DATA);
      if (!this.#keyIdAccepted(objects)) return answer(SW.REFERENCED_DATA_NOT_FOUND);
      return this.#agree(ephemeral.value, answer(SW.SUCCESS));
    } catch (error) {
      if (isEmrtdError(error)) return answer(SW.WRONG_DATA);
      throw error;
    }
  }

  generalAuthenticate(data: Uint8Array): ChipAnswer {
    this.reset();
    try {
      const outer = decodeTlv(data);
      const ephemeral = outer.tag === 0x7c ? findTlv(decodeTlvList(outer.value), 0x80) : undefined;
      if (ephemeral === undefined) return answer(SW.WRONG_DATA);
      return this.#agree(ephemeral.value, answer(SW.SUCCESS, encodeTlv(0x7c, NOTHING)));
    } catch (error) {
      if (isEmrtdError(error)) return answer(SW.WRONG_DATA);
      throw error;
    }
  }

  #agree(ephemeral: Uint8Array, reply: ChipAnswer): ChipAnswer {
    const curve = this.#curve;
    const point = decodePublicKey(curve, ephemeral, 'terminal ephemeral key');
    const secret = xCoordinate(curve, point.multiply(this.#privateKey));
    return { ...reply, sessionKeys: paceSessionKeys(chipAuthenticationCipher(this.#oid) ?? 'aes128', secret) };
  }
}
