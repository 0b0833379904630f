/**
 * The virtual CCCD: a chip model loaded with a profile's files, the keys for
 * PACE-CAN (the last 6 digits of the ID), PACE-MRZ and BAC, active and chip
 * authentication, and the faults its options ask for. It is the card factory
 * the card process loads (CCCD_CARD_SPEC), and runs in-process just as well.
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { fromHex } from '../emrtd/bytes.ts';
import { CCCD_CARD_ACCESS } from '../emrtd/pace/card-access.ts';
import { createChipModel, DEFAULT_ATR, type ChipModel } from '../emrtd/testing/chip-model.ts';
import { FID_DG3, withLineFaults } from '../emrtd/testing/faults.ts';
import { testKeyPair } from '../emrtd/testing/test-pki.ts';
import { childrenOf, decodeTlv } from '../emrtd/tlv.ts';
import type { CardBehaviour } from './card.ts';
import { withRemovalAfter } from './card-removal.ts';
import { CccdCardOptionsSchema, type CardPki, type Tamper } from './cccd-card-options.ts';
import { buildCccdFiles, filesById, type CccdFileName } from './cccd-files.ts';
import { cccdMrz, type CccdMrz } from './cccd-mrz.ts';
import { createCardPki, documentSignerOf } from './cccd-pki.ts';
import { DEFAULT_PROFILE, loadPhoto, type CccdProfile } from './cccd-profile.ts';

/** brainpoolP256r1, as the CCCD's PACE uses; its chip authentication curve is not known (cccd-chip.md §11). */
const CA_PARAMETER_ID = 13;

export interface CccdCard extends CardBehaviour {
  readonly profile: CccdProfile;
  /** The card access number: the last 6 digits of the ID. */
  readonly can: string;
  readonly mrz: CccdMrz;
  /** The files as served, tampering included. */
  readonly files: ReadonlyMap<CccdFileName, Uint8Array>;
  readonly pki: CardPki;
  /** Public halves of the chip's own keys (DG15 and DG14 hold them too). */
  readonly activeAuthenticationPublicKey: KeyObject;
  readonly chipAuthenticationPublicKey: KeyObject;
  /** Commands received so far. */
  readonly commandCount: number;
  /** Whether a secure-messaging session is open. */
  readonly secured: boolean;
}

const generateRsa = promisify(generateKeyPair);

/** The scalar of an EC private key, from SEC 1 ECPrivateKey { version, privateKey, … } (JWK has no brainpool). */
function privateScalar(key: KeyObject): Uint8Array {
  const [, scalar] = childrenOf(decodeTlv(new Uint8Array(key.export({ format: 'der', type: 'sec1' }))));
  if (scalar === undefined) throw new Error('not an EC private key');
  return scalar.value;
}

/** Flips the lowest bit of one byte: enough to break the file's hash in EF.SOD. */
export function tamperWith(files: Map<CccdFileName, Uint8Array>, tamper: Tamper): void {
  const original = files.get(tamper.file);
  if (original === undefined) throw new Error(`no file ${tamper.file} to tamper with`);
  const offset = tamper.offset ?? original.length - 1;
  if (offset >= original.length) throw new RangeError(`${tamper.file} has ${original.length} bytes; cannot flip byte ${offset}`);
  const altered = original.slice();
  altered[offset] = (altered[offset] as number) ^ 0x01;
  files.set(tamper.file, altered);
}

export async function createCard(rawOptions: unknown = {}): Promise<CccdCard> {
  const options = CccdCardOptionsSchema.parse(rawOptions ?? {});
  const profile = options.profile ?? DEFAULT_PROFILE;
  const pki = options.pki ?? createCardPki();
  const [photo, activeAuthentication] = await Promise.all([loadPhoto(profile), generateRsa('rsa', { modulusLength: 2048 })]);
  const chipAuthentication = testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' });

  const files = buildCccdFiles({
    profile,
    photo,
    signer: documentSignerOf(pki),
    chipAuthenticationPublicKey: chipAuthentication.publicKey,
    activeAuthenticationPublicKey: activeAuthentication.publicKey,
  });
  if (options.tamper !== undefined) tamperWith(files, options.tamper);
  if (options.faults.emptySod === true) files.set('EF.SOD', new Uint8Array(0));

  const mrz = cccdMrz(profile);
  const can = profile.idNumber.slice(-6);
  const { faults } = options;
  const chip: ChipModel = createChipModel({
    mrz: mrz.key,
    can,
    cardAccess: options.access.pace ? CCCD_CARD_ACCESS : null,
    files: filesById(files),
    atr: options.atrHex === undefined ? DEFAULT_ATR : fromHex(options.atrHex),
    activeAuthentication: { privateKey: activeAuthentication.privateKey },
    chipAuthentication: { privateKey: privateScalar(chipAuthentication.privateKey), parameterId: CA_PARAMETER_ID },
    faults: { ...(faults.maxLe !== undefined && { maxLe: faults.maxLe }), deniedFiles: faults.protectDg3 ? [FID_DG3] : [] },
  });
  const line = withLineFaults(chip, {
    ...(faults.latencyMs !== undefined && { latencyMs: faults.latencyMs }),
    ...(faults.wrongMacOnResponse !== undefined && { wrongMacOnResponse: faults.wrongMacOnResponse }),
  });
  const card = withRemovalAfter({ atr: chip.atr, transmit: line.transmit, reset: chip.reset, powerOff: chip.powerOff }, faults.removeAfterApdus);

  return {
    atr: card.atr,
    transmit: (apdu) => card.transmit(apdu),
    reset: () => card.reset?.(),
    powerOff: () => card.powerOff?.(),
    inserted: (slot) => card.inserted?.(slot),
    profile,
    can,
    mrz,
    files,
    pki,
    activeAuthenticationPublicKey: activeAuthentication.publicKey,
    chipAuthenticationPublicKey: chipAuthentication.publicKey,
    get commandCount() {
      return card.commandCount;
    },
    get secured() {
      return chip.secured;
    },
  };
}
