/** The chip's half of PACE ECDH generic mapping: MSE:Set AT and the four GENERAL AUTHENTICATE steps. */
import { SW } from '../apdu.ts';
import { decodeOid } from '../asn1.ts';
import type { MrzKey } from '../bac/mrz-key.ts';
import { bytesToBigint, constantTimeEqual } from '../bytes.ts';
import { aesCbcEncrypt } from '../crypto/aes.ts';
import { des3CbcEncrypt } from '../crypto/des.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { isEmrtdError } from '../errors.ts';
import { isSupportedPaceInfo, type PaceInfo } from '../pace/card-access.ts';
import { standardCurve, type CurvePoint, type StandardCurve } from '../pace/curves.ts';
import { decodePublicKey, encodePoint, randomScalar, xCoordinate } from '../pace/ec.ts';
import { mapGenerator, sharedMappingPoint } from '../pace/mapping.ts';
import { paceSessionKeys } from '../pace/pace.ts';
import { derivePasswordKey, PASSWORD_REFERENCE, type PacePassword } from '../pace/password.ts';
import { authenticationToken, ecPublicKeyDataObject } from '../pace/token.ts';
import type { SessionKeys } from '../sm/session-keys.ts';
import { decodeTlv, decodeTlvList, encodeTlv, findTlv } from '../tlv.ts';
import type { ChipAnswer } from './chip-bac.ts';

export interface ChipPasswords {
  can?: string;
  mrz?: MrzKey;
}

type Stage =
  | { step: 'idle' }
  | { step: 'mapping'; info: PaceInfo; curve: StandardCurve; nonce: bigint }
  | { step: 'agreement'; info: PaceInfo; curve: StandardCurve; generator: CurvePoint }
  | { step: 'tokens'; info: PaceInfo; keys: SessionKeys; terminalKey: Uint8Array; chipKey: Uint8Array };

const NOTHING = new Uint8Array(0);

function answer(sw: number, data: Uint8Array = NOTHING): ChipAnswer {
  return { data, sw };
}

function dynamicData(tag: number, value: Uint8Array): Uint8Array {
  return encodeTlv(0x7c, encodeTlv(tag, value));
}

export class ChipPace {
  readonly #infos: readonly PaceInfo[];
  readonly #passwords: ChipPasswords;
  readonly #random: RandomBytes;
  #stage: Stage = { step: 'idle' };
  #selected: { info: PaceInfo; password: PacePassword } | undefined;

  constructor(infos: readonly PaceInfo[], passwords: ChipPasswords, random: RandomBytes) {
    this.#infos = infos.filter(isSupportedPaceInfo);
    this.#passwords = passwords;
    this.#random = random;
  }

  reset(): void {
    this.#stage = { step: 'idle' };
    this.#selected = undefined;
  }

  setAuthenticationTemplate(data: Uint8Array): ChipAnswer {
    this.reset();
    try {
      const objects = decodeTlvList(data);
      const protocol = findTlv(objects, 0x80);
      const reference = findTlv(objects, 0x83);
      const parameter = findTlv(objects, 0x84);
      if (protocol === undefined || reference === undefined || reference.value.length !== 1) return answer(SW.WRONG_DATA);
      const oid = decodeOid(protocol.value);
      const info = this.#infos.find(
        (candidate) => candidate.protocol.oid === oid && (parameter === undefined || candidate.parameterId === parameter.value[0]),
      );
      if (info === undefined) return answer(SW.REFERENCED_DATA_NOT_FOUND);
      const password = this.#password(reference.value[0] as number);
      if (password === undefined) return answer(SW.REFERENCED_DATA_NOT_FOUND);
      this.#selected = { info, password };
      return answer(SW.SUCCESS);
    } catch (error) {
      if (isEmrtdError(error)) return answer(SW.WRONG_DATA);
      throw error;
    }
  }

  #password(reference: number): PacePassword | undefined {
    if (reference === PASSWORD_REFERENCE.can && this.#passwords.can !== undefined) return { kind: 'can', can: this.#passwords.can };
    if (reference === PASSWORD_REFERENCE.mrz && this.#passwords.mrz !== undefined) return { kind: 'mrz', ...this.#passwords.mrz };
    return undefined;
  }

  generalAuthenticate(cla: number, data: Uint8Array): ChipAnswer {
    const chained = (cla & 0x10) !== 0;
    const stage = this.#stage;
    let inner: ReturnType<typeof decodeTlvList>;
    try {
      const outer = decodeTlv(data);
      if (outer.tag !== 0x7c) return this.#fail(SW.WRONG_DATA);
      inner = decodeTlvList(outer.value);
    } catch (error) {
      if (isEmrtdError(error)) return this.#fail(SW.WRONG_DATA);
      throw error;
    }
    try {
      if (stage.step === 'idle') return this.#sendNonce(chained, inner.length);
      if (!chained && stage.step !== 'tokens') return this.#fail(SW.CONDITIONS_NOT_SATISFIED);
      const value = inner[0]?.value ?? NOTHING;
      const tag = inner[0]?.tag;
      if (stage.step === 'mapping') return tag === 0x81 ? this.#map(stage, value) : this.#fail(SW.WRONG_DATA);
      if (stage.step === 'agreement') return tag === 0x83 ? this.#agree(stage, value) : this.#fail(SW.WRONG_DATA);
      if (chained || tag !== 0x85) return this.#fail(SW.CONDITIONS_NOT_SATISFIED);
      return this.#checkToken(stage, value);
    } catch (error) {
      if (isEmrtdError(error)) return this.#fail(SW.WRONG_DATA);
      throw error;
    }
  }

  #fail(sw: number): ChipAnswer {
    this.reset();
    return answer(sw);
  }

  #sendNonce(chained: boolean, objects: number): ChipAnswer {
    const selected = this.#selected;
    if (selected === undefined || !chained || objects !== 0) return this.#fail(SW.CONDITIONS_NOT_SATISFIED);
    const { info, password } = selected;
    const cipher = info.protocol.cipher;
    const kPi = derivePasswordKey(password, cipher);
    const nonce = this.#random(cipher === 'des3' ? 8 : 16);
    const encrypted = cipher === 'des3' ? des3CbcEncrypt(kPi, nonce) : aesCbcEncrypt(kPi, nonce);
    const curve = standardCurve(info.parameterId as number);
    this.#stage = { step: 'mapping', info, curve, nonce: bytesToBigint(nonce) };
    return answer(SW.SUCCESS, dynamicData(0x80, encrypted));
  }

  #map(stage: Extract<Stage, { step: 'mapping' }>, terminalMappingKey: Uint8Array): ChipAnswer {
    const { curve } = stage;
    const terminalKey = decodePublicKey(curve, terminalMappingKey, 'terminal mapping key');
    const privateKey = randomScalar(curve, this.#random);
    const generator = mapGenerator(curve, stage.nonce, sharedMappingPoint(privateKey, terminalKey));
    this.#stage = { step: 'agreement', info: stage.info, curve, generator };
    return answer(SW.SUCCESS, dynamicData(0x82, encodePoint(curve, curve.Point.BASE.multiply(privateKey))));
  }

  #agree(stage: Extract<Stage, { step: 'agreement' }>, terminalEphemeralKey: Uint8Array): ChipAnswer {
    const { curve, info } = stage;
    const terminalPoint = decodePublicKey(curve, terminalEphemeralKey, 'terminal ephemeral key');
    const privateKey = randomScalar(curve, this.#random);
    const chipKey = encodePoint(curve, stage.generator.multiply(privateKey));
    const terminalKey = encodePoint(curve, terminalPoint);
    if (constantTimeEqual(chipKey, terminalKey)) return this.#fail(SW.WRONG_DATA);
    const keys = paceSessionKeys(info.protocol.cipher, xCoordinate(curve, terminalPoint.multiply(privateKey)));
    this.#stage = { step: 'tokens', info, keys, terminalKey, chipKey };
    return answer(SW.SUCCESS, dynamicData(0x84, chipKey));
  }

  #checkToken(stage: Extract<Stage, { step: 'tokens' }>, token: Uint8Array): ChipAnswer {
    const { info, keys } = stage;
    const cipher = info.protocol.cipher;
    const expected = authenticationToken(cipher, keys.kMac, ecPublicKeyDataObject(info.protocol.oid, stage.chipKey));
    if (!constantTimeEqual(expected, token)) return this.#fail(SW.AUTHENTICATION_FAILED);
    this.reset();
    const chipToken = authenticationToken(cipher, keys.kMac, ecPublicKeyDataObject(info.protocol.oid, stage.terminalKey));
    return { data: dynamicData(0x86, chipToken), sw: SW.SUCCESS, sessionKeys: keys };
  }
}
