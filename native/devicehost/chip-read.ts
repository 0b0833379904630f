/**
 * One chip read as the device host runs it: the eMRTD reader with chip and
 * active authentication wired to DG14 and DG15, and its outcome in the host
 * protocol's shape (files as base64, statuses, timings).
 */
import { AppError } from '../../domain/errors.ts';
import { SW } from '../emrtd/apdu.ts';
import { isEmrtdError } from '../emrtd/errors.ts';
import { childrenOf, decodeTlv } from '../emrtd/tlv.ts';
import { parseDg14 } from '../emrtd/lds/dg14.ts';
import { parseDg15 } from '../emrtd/lds/dg15.ts';
import type { ActiveAuthenticationInput } from '../emrtd/read/active-authentication.ts';
import type { ChipAuthenticationInput } from '../emrtd/read/chip-authentication.ts';
import { readDocument, type DocumentReadResult } from '../emrtd/read/document-reader.ts';
import type { CardFile, CardReadStep } from '../../domain/card.ts';
import type { ChipReader, ChipReadOutcome } from './card-reading.ts';

const STEPS: Record<string, CardReadStep> = {
  'card-access': 'connecting',
  authenticating: 'authenticating',
  reading: 'reading',
  verifying: 'verifying',
};

const CARD_FILES: ReadonlySet<string> = new Set<CardFile>(['EF.CardAccess', 'EF.COM', 'DG1', 'DG2', 'DG13', 'DG14', 'DG15', 'EF.SOD']);
const isCardFile = (name: string | undefined): name is CardFile => name !== undefined && CARD_FILES.has(name);

/** Answers to the access commands (MSE:Set AT, GET CHALLENGE, SELECT of the eMRTD application) from a card that has no eMRTD. */
const NOT_AN_EMRTD: ReadonlySet<number> = new Set([SW.INS_NOT_SUPPORTED, SW.CLA_NOT_SUPPORTED, SW.FILE_NOT_FOUND]);

export const readChip: ChipReader = async ({ transmit, params, onProgress }) => {
  const timer = fileTimer();
  /** Where the read got to: a refusal while authenticating may say the card is something else. */
  let phase: 'card-access' | 'authenticating' | 'open' = 'card-access';
  const result = await readDocument(transmit, {
    key: params.key,
    dataGroups: params.photo ? [1, 2, 13, 14, 15] : [1, 13, 14, 15],
    onProgress: ({ step, file, bytesRead, totalBytes }) => {
      if (step === 'authenticating') phase = 'authenticating';
      else if (phase === 'authenticating') phase = 'open';
      timer.mark(file);
      onProgress({
        step: STEPS[step] ?? 'reading',
        ...(isCardFile(file) ? { file } : {}),
        ...(bytesRead !== undefined ? { bytesRead } : {}),
        ...(totalBytes !== undefined ? { totalBytes } : {}),
      });
    },
    chipAuthentication: chipAuthenticationFrom,
    activeAuthentication: activeAuthenticationFrom,
  }).catch((error: unknown) => {
    // A refusal answered with "no such command/application" means another kind of card, whatever the stack made of it.
    if (phase === 'authenticating' && isEmrtdError(error) && error.sw !== undefined && NOT_AN_EMRTD.has(error.sw)) {
      throw new AppError('CARD_UNSUPPORTED', 'This card is not a chip ID card');
    }
    throw error;
  });
  return outcomeOf(result, timer.ms);
};

/** A file's time runs from the event before its first chunk to its last chunk (its SELECT included). */
function fileTimer(): { mark: (file: string | undefined) => void; ms: Map<string, number> } {
  const ms = new Map<string, number>();
  let previous = performance.now();
  let current: { file: string; started: number } | undefined;
  return {
    ms,
    mark(file) {
      const now = performance.now();
      if (file !== undefined) {
        if (current?.file !== file) current = { file, started: previous };
        ms.set(file, now - current.started);
      } else {
        current = undefined;
      }
      previous = now;
    },
  };
}

/** DG14's first ECDH chip-authentication key; none (so no CA) when the card declares none we can use. */
function chipAuthenticationFrom(dg14Bytes: Uint8Array): ChipAuthenticationInput | undefined {
  const dg14 = parseOrUndefined(() => parseDg14(dg14Bytes));
  const key = dg14?.chipAuthenticationPublicKeys.find((candidate) => candidate.agreement === 'ECDH' && candidate.publicKey.keyObject);
  if (!dg14 || !key?.publicKey.keyObject) return undefined;
  const info = dg14.chipAuthenticationInfos.find((candidate) => candidate.keyId === key.keyId) ?? dg14.chipAuthenticationInfos[0];
  if (!info) return undefined;
  const point = ecPointOf(key.publicKey.spki);
  if (!point) return undefined;
  return {
    protocol: info.protocol,
    publicKey: point,
    ...(key.publicKey.parameterId !== undefined ? { parameterId: key.publicKey.parameterId } : { curve: key.publicKey.curve ?? '' }),
    ...(key.keyId !== undefined ? { keyId: key.keyId } : {}),
  };
}

/** The uncompressed point in an EC SubjectPublicKeyInfo (JWK export does not know the brainpool curves). */
function ecPointOf(spki: Uint8Array): Uint8Array | undefined {
  const [, bitString] = childrenOf(decodeTlv(spki));
  if (bitString?.tag !== 0x03 || bitString.value[0] !== 0x00 || bitString.value[1] !== 0x04) return undefined;
  return bitString.value.subarray(1);
}

function activeAuthenticationFrom(dg15Bytes: Uint8Array, dg14Bytes: Uint8Array | undefined): ActiveAuthenticationInput | undefined {
  const dg15 = parseOrUndefined(() => parseDg15(dg15Bytes));
  if (!dg15?.keyObject) return undefined;
  const algorithm = dg14Bytes ? parseOrUndefined(() => parseDg14(dg14Bytes))?.activeAuthenticationInfo?.signatureAlgorithm : undefined;
  return { publicKey: dg15.keyObject, ...(algorithm ? { signatureAlgorithm: algorithm } : {}) };
}

function parseOrUndefined<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (isEmrtdError(error)) return undefined;
    throw error;
  }
}

function outcomeOf(result: DocumentReadResult, fileMs: ReadonlyMap<string, number>): ChipReadOutcome {
  const files: ChipReadOutcome['files'] = {};
  for (const [name, bytes] of Object.entries(result.files)) {
    if (isCardFile(name) && bytes) files[name] = Buffer.from(bytes).toString('base64');
  }
  files['EF.CardAccess'] = Buffer.from(result.cardAccess.content).toString('base64');
  return {
    access: {
      protocol: result.access.protocol,
      cardAccessSource: result.cardAccess.source === 'builtin-cccd' ? 'known-cccd' : 'card',
    },
    files,
    skipped: result.skipped.map(({ file, reason }) => ({ file, reason })),
    active: result.activeAuthentication
      ? { status: result.activeAuthentication.status, ...detail(result.activeAuthentication) }
      : { status: result.files.DG15 ? 'error' : 'not-supported', ...(result.files.DG15 ? { detail: 'DG15 key not usable' } : {}) },
    chip: result.chipAuthentication
      ? { status: result.chipAuthentication.status, ...detail(result.chipAuthentication) }
      : { status: 'not-supported' },
    timing: {
      totalMs: result.metrics.totalMs,
      apdus: result.metrics.apdus,
      files: Object.entries(result.files)
        .filter(([name, bytes]) => isCardFile(name) && bytes)
        .map(([name, bytes]) => ({ file: name as CardFile, bytes: (bytes as Uint8Array).length, ms: Math.round(fileMs.get(name) ?? 0) })),
    },
  };
}

function detail(check: { reason?: string; algorithm?: string; protocol?: string }): { detail?: string } {
  const text = check.reason ?? check.algorithm ?? check.protocol;
  return text ? { detail: text } : {};
}
