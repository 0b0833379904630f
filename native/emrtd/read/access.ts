/**
 * Opens the chip with the clerk's key: PACE when EF.CardAccess offers it
 * (CAN, reference 02, or MRZ, reference 01), BAC otherwise or when PACE is
 * refused for another reason than the key. Leaves the eMRTD application
 * selected and secure messaging on.
 *
 * Retry policy: PACE runs at most once per read. Chips may count failed
 * PACE passwords and slow down or block (cccd-chip.md §11), and a CCCD's CAN
 * and BAC document number come from the same ID number, so a refused CAN ends
 * the read as 'wrong-key'. BAC keys carry no such counter: the derived
 * expiry candidates are tried in order, at most `maxBacAttempts` of them.
 */
import { requireSuccess, sendCommand, SW, type Transmit } from '../apdu.ts';
import { performBac } from '../bac/bac.ts';
import { deriveBacKeys, type MrzKey } from '../bac/mrz-key.ts';
import { cccdBacKeys, cccdCan, type CardGeneration } from '../cccd-access.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { EmrtdError, isEmrtdError } from '../errors.ts';
import { isSupportedPaceInfo, type CardAccess } from '../pace/card-access.ts';
import { performPace } from '../pace/pace.ts';
import type { PacePassword } from '../pace/password.ts';
import type { ReaderChannel } from './channel.ts';
import { EMRTD_APPLICATION_ID } from './files.ts';

export type AccessKey =
  | { kind: 'can'; can: string }
  | ({ kind: 'mrz' } & MrzKey)
  | {
      kind: 'cccd-id';
      /** The 12-digit ID number: CAN = last 6 digits, BAC document number = last 9. */
      id: string;
      /** YYYY-MM-DD; needed for BAC, which derives the date of expiry from it. */
      dateOfBirth?: string;
      /** YYYY-MM-DD; picks the likely date of expiry first. */
      dateOfIssue?: string;
      generation?: CardGeneration;
    };

export type AccessProtocol = 'PACE-CAN' | 'PACE-MRZ' | 'BAC';

export interface AccessOptions {
  /** YYYY-MM-DD in Vietnam: the expiry candidates depend on it. */
  today: string;
  /** Most BAC keys tried (default 4, the most expiry candidates a CCCD has). */
  maxBacAttempts?: number;
  random?: RandomBytes;
}

export interface AccessOutcome {
  protocol: AccessProtocol;
  paceAttempts: number;
  bacAttempts: number;
  /** Runs BAC again with the key that worked (after the chip dropped its session); absent after PACE. */
  reopen: (() => Promise<void>) | undefined;
  notes: string[];
}

export const DEFAULT_MAX_BAC_ATTEMPTS = 4;

/** SELECT of the eMRTD application by AID, case 3: no Le (some chips refuse one, cccd-chip.md §1.1). */
export async function selectApplication(transmit: Transmit): Promise<void> {
  requireSuccess(await sendCommand(transmit, { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: EMRTD_APPLICATION_ID }), 'SELECT eMRTD application');
}

/** Errors that are not the chip's answer: the read stops whatever the protocol. */
export function endsTheRead(error: unknown): boolean {
  return isEmrtdError(error) && (error.kind === 'card-removed' || error.kind === 'aborted' || error.kind === 'transport');
}

function pacePasswordFor(key: AccessKey): PacePassword {
  if (key.kind === 'can') return { kind: 'can', can: key.can };
  if (key.kind === 'mrz') return { kind: 'mrz', documentNumber: key.documentNumber, dateOfBirth: key.dateOfBirth, dateOfExpiry: key.dateOfExpiry };
  return { kind: 'can', can: cccdCan(key.id) };
}

function bacKeysFor(key: AccessKey, options: AccessOptions): MrzKey[] {
  if (key.kind === 'mrz') return [{ documentNumber: key.documentNumber, dateOfBirth: key.dateOfBirth, dateOfExpiry: key.dateOfExpiry }];
  if (key.kind === 'can' || key.dateOfBirth === undefined) return [];
  const keys = cccdBacKeys(key.id, {
    dateOfBirth: key.dateOfBirth,
    today: options.today,
    ...(key.dateOfIssue !== undefined && { issueDate: key.dateOfIssue }),
    ...(key.generation !== undefined && { generation: key.generation }),
  });
  return keys.slice(0, options.maxBacAttempts ?? DEFAULT_MAX_BAC_ATTEMPTS);
}

export async function openChip(channel: ReaderChannel, key: AccessKey, cardAccess: CardAccess, options: AccessOptions): Promise<AccessOutcome> {
  const notes: string[] = [];
  // Checked before any APDU, so a mistyped key costs no PACE attempt.
  const password = pacePasswordFor(key);
  const bacKeys = bacKeysFor(key, options);
  const paceInfo = cardAccess.paceInfos.find(isSupportedPaceInfo);
  let paceAttempts = 0;

  if (paceInfo !== undefined) {
    paceAttempts = 1;
    let sessionKeys;
    try {
      ({ sessionKeys } = await performPace(channel.transmit, password, paceInfo, options.random === undefined ? {} : { random: options.random }));
    } catch (error) {
      if (endsTheRead(error) || !isEmrtdError(error)) throw error;
      const wrongKey = error.kind === 'auth-failed';
      if (wrongKey && key.kind !== 'mrz') {
        throw new EmrtdError('wrong-key', 'the chip refused the card access number', { sw: error.sw, cause: error, detail: { paceAttempts } });
      }
      if (bacKeys.length === 0) {
        if (wrongKey) throw new EmrtdError('wrong-key', 'the chip refused the MRZ key', { sw: error.sw, cause: error });
        if (error.kind !== 'status-word') throw error;
        // Scanning the card's QR gives the birth and issue dates that BAC needs.
        throw new EmrtdError('unsupported', 'the chip refused PACE, and BAC needs the date of birth', { sw: error.sw, cause: error, code: 'CARD_UNSUPPORTED' });
      }
      notes.push(`PACE failed (${error.kind}${error.sw === undefined ? '' : ` ${error.sw.toString(16).toUpperCase()}`}); falling back to BAC`);
    }
    if (sessionKeys !== undefined) {
      channel.startSecureMessaging(sessionKeys);
      await selectApplication(channel.transmit);
      return { protocol: password.kind === 'can' ? 'PACE-CAN' : 'PACE-MRZ', paceAttempts, bacAttempts: 0, reopen: undefined, notes };
    }
  } else if (cardAccess.paceInfos.length > 0) {
    notes.push('EF.CardAccess offers no PACE variant this reader implements');
  }

  if (bacKeys.length === 0) {
    const why = key.kind === 'can' ? 'a CAN opens only PACE' : 'BAC needs the date of birth';
    throw new EmrtdError('unsupported', `the chip offers no usable PACE and ${why}`, { code: 'CARD_UNSUPPORTED' });
  }
  await selectApplication(channel.transmit);
  let bacAttempts = 0;
  for (const mrz of bacKeys) {
    bacAttempts++;
    const keys = deriveBacKeys(mrz);
    const bacOptions = options.random === undefined ? {} : { random: options.random };
    try {
      channel.startSecureMessaging(await performBac(channel.transmit, keys, bacOptions));
    } catch (error) {
      if (isEmrtdError(error, 'auth-failed')) continue;
      throw error;
    }
    const reopen = async () => {
      channel.endSecureMessaging();
      let sessionKeys;
      try {
        sessionKeys = await performBac(channel.transmit, keys, bacOptions);
      } catch (error) {
        // When the reader, not the chip, refused the last command, the chip still
        // had its session: it answers the plain GET CHALLENGE with an SM error and drops it.
        if (!isEmrtdError(error, 'status-word') || (error.sw !== SW.SM_DATA_OBJECTS_MISSING && error.sw !== SW.SM_DATA_OBJECTS_INCORRECT)) throw error;
        sessionKeys = await performBac(channel.transmit, keys, bacOptions);
      }
      channel.startSecureMessaging(sessionKeys);
    };
    return { protocol: 'BAC', paceAttempts, bacAttempts, reopen, notes };
  }
  throw new EmrtdError('wrong-key', `the chip refused BAC with ${bacAttempts} key(s)`, { detail: { paceAttempts, bacAttempts } });
}
