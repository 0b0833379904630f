/**
 * A whole read of the chip ID card (cccd-chip.md §10): EF.CardAccess, access
 * control, the application, EF.COM, then DG1, DG13, EF.SOD, DG14 (+ chip
 * authentication), DG15 (+ active authentication) and DG2 last, so the text
 * arrives first. Files come back as raw bytes with what it took to read them;
 * the LDS layer parses them and passive authentication checks them.
 */
import { sendCommand, SW, type Transmit } from '../apdu.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { EmrtdError, isEmrtdError } from '../errors.ts';
import { CCCD_CARD_ACCESS, parseCardAccess, type CardAccess } from '../pace/card-access.ts';
import type { SmCipherName } from '../sm/session-keys.ts';
import { endsTheRead, openChip, selectApplication, type AccessKey, type AccessProtocol } from './access.ts';
import { performActiveAuthentication, type ActiveAuthenticationInput, type ActiveAuthenticationResult } from './active-authentication.ts';
import { ReaderChannel } from './channel.ts';
import { chipAuthenticate, type ChipAuthenticationInput, type ChipAuthenticationResult } from './chip-authentication.ts';
import { dataGroupsListed } from './com-list.ts';
import { FileReader, type FileProgress } from './file-reader.ts';
import { dataGroupFile, EF_CARD_ACCESS, EF_COM, EF_SOD, type EfReference, type LdsFileName } from './files.ts';
import { guardTransmit } from './transport.ts';

export type ReadStep = 'card-access' | 'authenticating' | 'reading' | 'verifying';

export interface ReadProgress {
  step: ReadStep;
  /** While reading: the file, as the API names it ('EF.COM', 'DG2'…). */
  file?: string;
  bytesRead?: number;
  totalBytes?: number;
}

export interface ReadDocumentOptions {
  key: AccessKey;
  /** Data groups wanted (default 1, 2, 13, 14, 15); read only when EF.COM lists them. DG3 is never read (EAC). */
  dataGroups?: readonly number[];
  /** Read EF.SOD (default true). */
  readSod?: boolean;
  onProgress?: (progress: ReadProgress) => void;
  /** Stops the read at once: the card monitor aborts it when the card leaves. */
  signal?: AbortSignal;
  /** Milliseconds since the epoch (Date.now by default): step timings, and today's date for BAC expiry candidates. */
  clock?: () => number;
  /** Open files by short file ID first (default true). */
  useSfi?: boolean;
  /** Extended-length reads (off by default): true, or the chunk size. */
  extendedLength?: boolean | number;
  maxBacAttempts?: number;
  random?: RandomBytes;
  /** Chip authentication after DG14 is read: return its input from DG14, or undefined to skip. */
  chipAuthentication?: (dg14: Uint8Array) => ChipAuthenticationInput | undefined;
  /** Active authentication after DG15 is read: return DG15's key (and DG14's algorithm), or undefined to skip. */
  activeAuthentication?: (dg15: Uint8Array, dg14: Uint8Array | undefined) => ActiveAuthenticationInput | undefined;
}

/** Where EF.CardAccess came from: selected by file ID, read by short file ID, selected after SELECT MF, or the built-in CCCD content. */
export type CardAccessSource = 'fid' | 'sfi' | 'mf' | 'builtin-cccd';

export type SkipReason = 'access-denied' | 'not-found' | 'not-listed' | 'eac-protected' | 'session-lost';

export interface SkippedFile {
  file: string;
  reason: SkipReason;
  sw?: number;
}

export interface StepTiming {
  step: string;
  ms: number;
  apdus: number;
}

export interface DocumentReadResult {
  files: Partial<Record<LdsFileName, Uint8Array>>;
  cardAccess: { content: Uint8Array; source: CardAccessSource };
  access: { protocol: AccessProtocol; paceAttempts: number; bacAttempts: number; smCipher: SmCipherName | undefined };
  skipped: SkippedFile[];
  notes: string[];
  chipAuthentication?: ChipAuthenticationResult;
  activeAuthentication?: ActiveAuthenticationResult;
  metrics: {
    apdus: number;
    /** The READ BINARY size that worked, kept for the session. */
    workingLe: number;
    /** Secure-messaging sessions reopened after the chip dropped one. */
    smRecoveries: number;
    totalMs: number;
    steps: StepTiming[];
  };
}

export const DEFAULT_DATA_GROUPS: readonly number[] = [1, 2, 13, 14, 15];
const EAC_PROTECTED = new Set([3, 4]);
/** The order that gets text on screen first; the photo (DG2) comes last. */
const PRIORITY = [1, 13, 'SOD', 14, 15] as const;

/** Today in Vietnam (UTC+7) from an epoch-milliseconds clock. */
function vietnamDate(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

function isChipRefusal(error: unknown): error is EmrtdError {
  return isEmrtdError(error, 'status-word') && error.sw !== undefined;
}

function skipReason(sw: number): SkipReason | undefined {
  if (sw === SW.SECURITY_STATUS_NOT_SATISFIED) return 'access-denied';
  if (sw === SW.FILE_NOT_FOUND) return 'not-found';
  return undefined;
}

/** Every failure as a typed error with a code the clerk's screen can explain. */
function readError(error: unknown): unknown {
  if (!isEmrtdError(error)) return error;
  if (error.code !== 'INTERNAL') return error;
  const code = error.kind === 'unsupported' ? 'CARD_UNSUPPORTED' : 'CARD_READ_FAILED';
  return new EmrtdError(error.kind, error.message, { code, cause: error, ...(error.sw !== undefined && { sw: error.sw }), detail: error.detail });
}

/** The files to read after EF.COM, in reading order. */
function readingPlan(wanted: readonly number[], listed: readonly number[] | undefined, readSod: boolean, skipped: SkippedFile[]): EfReference[] {
  const plan: EfReference[] = [];
  const groups = [...new Set(wanted)].filter((number) => {
    if (EAC_PROTECTED.has(number)) {
      skipped.push({ file: `DG${number}`, reason: 'eac-protected' });
      return false;
    }
    if (listed !== undefined && !listed.includes(number)) {
      skipped.push({ file: `DG${number}`, reason: 'not-listed' });
      return false;
    }
    return true;
  });
  for (const item of PRIORITY) {
    if (item === 'SOD') {
      if (readSod) plan.push(EF_SOD);
    } else if (groups.includes(item)) plan.push(dataGroupFile(item));
  }
  const rest = groups.filter((number) => !(PRIORITY as readonly (number | string)[]).includes(number) && number !== 2).sort((a, b) => a - b);
  for (const number of [...rest, ...(groups.includes(2) ? [2] : [])]) plan.push(dataGroupFile(number));
  return plan;
}

async function readCardAccess(channel: ReaderChannel, reader: FileReader, notes: string[]): Promise<{ content: Uint8Array; source: CardAccessSource; parsed: CardAccess }> {
  // By file ID, then by short file ID (both inside reader.read), then again after SELECT MF.
  for (const viaMf of [false, true]) {
    try {
      if (viaMf) await sendCommand(channel.transmit, { cla: 0x00, ins: 0xa4, p1: 0x00, p2: 0x0c, data: Uint8Array.of(0x3f, 0x00) });
      const { content, openedBy } = await reader.read(EF_CARD_ACCESS, 'fid-first');
      const source: CardAccessSource = viaMf ? 'mf' : openedBy === 'sfi' ? 'sfi' : 'fid';
      return { content, source, parsed: parseCardAccess(content) };
    } catch (error) {
      if (endsTheRead(error)) throw error;
      notes.push(`EF.CardAccess${viaMf ? ' after SELECT MF' : ''}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  notes.push('EF.CardAccess could not be read: using the known CCCD content');
  return { content: CCCD_CARD_ACCESS.slice(), source: 'builtin-cccd', parsed: parseCardAccess(CCCD_CARD_ACCESS) };
}

class StepClock {
  readonly steps: StepTiming[] = [];
  readonly #clock: () => number;
  readonly #apdus: () => number;

  constructor(clock: () => number, apdus: () => number) {
    this.#clock = clock;
    this.#apdus = apdus;
  }

  async run<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = this.#clock();
    const apdus = this.#apdus();
    try {
      return await work();
    } finally {
      this.steps.push({ step, ms: this.#clock() - started, apdus: this.#apdus() - apdus });
    }
  }
}

export async function readDocument(transmit: Transmit, options: ReadDocumentOptions): Promise<DocumentReadResult> {
  try {
    return await runRead(transmit, options);
  } catch (error) {
    throw readError(error);
  }
}

async function runRead(transmit: Transmit, options: ReadDocumentOptions): Promise<DocumentReadResult> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const guarded = guardTransmit(transmit, options.signal);
  const channel = new ReaderChannel(guarded.transmit);
  const timer = new StepClock(clock, () => guarded.apdus);
  const notes: string[] = [];
  const skipped: SkippedFile[] = [];
  const files: Partial<Record<LdsFileName, Uint8Array>> = {};
  const progress = options.onProgress;
  /** Set once access is open: how to reopen secure messaging (BAC only). */
  const recovery: { reopen?: (() => Promise<void>) | undefined } = {};

  const reader = new FileReader(channel, {
    ...(options.useSfi !== undefined && { useSfi: options.useSfi }),
    ...(options.extendedLength !== undefined && { extendedLength: options.extendedLength }),
    onProgress: (p: FileProgress) => progress?.({ step: 'reading', file: p.file, bytesRead: p.bytesRead, totalBytes: p.totalBytes }),
    reauthenticate: async () => {
      if (recovery.reopen === undefined) throw new EmrtdError('sm-session-lost', 'the chip ended secure messaging and PACE is not run twice in one read');
      await recovery.reopen();
    },
  });

  progress?.({ step: 'card-access' });
  const cardAccess = await timer.run('card-access', () => readCardAccess(channel, reader, notes));

  progress?.({ step: 'authenticating' });
  const access = await timer.run('access', () =>
    openChip(channel, options.key, cardAccess.parsed, {
      today: vietnamDate(clock()),
      ...(options.maxBacAttempts !== undefined && { maxBacAttempts: options.maxBacAttempts }),
      ...(options.random !== undefined && { random: options.random }),
    }),
  );
  recovery.reopen = access.reopen;
  notes.push(...access.notes);

  /**
   * A file's bytes, or undefined when the chip refuses it in a way that only skips it.
   * EF.SOD comes back as read even when empty or cut short: passive authentication
   * judges it, and the holder's data groups stay readable.
   */
  const readOne = async (file: EfReference): Promise<Uint8Array | undefined> => {
    try {
      const { content } = await timer.run(file.name, () => reader.read(file, 'sfi-first', { asRead: file.name === EF_SOD.name }));
      files[file.name as LdsFileName] = content;
      return content;
    } catch (error) {
      const reason = isChipRefusal(error) ? skipReason(error.sw as number) : undefined;
      if (reason === undefined) throw error;
      skipped.push({ file: file.name, reason, sw: (error as EmrtdError).sw as number });
      return undefined;
    }
  };

  const com = await readOne(EF_COM);
  let listed: number[] | undefined;
  if (com !== undefined) listed = dataGroupsListed(com);
  else notes.push('EF.COM could not be read: trying the wanted data groups directly');

  const plan = readingPlan(options.dataGroups ?? DEFAULT_DATA_GROUPS, listed, options.readSod ?? true, skipped);
  const result: DocumentReadResult = {
    files,
    cardAccess: { content: cardAccess.content, source: cardAccess.source },
    access: { protocol: access.protocol, paceAttempts: access.paceAttempts, bacAttempts: access.bacAttempts, smCipher: channel.smCipher },
    skipped,
    notes,
    metrics: { apdus: 0, workingLe: 0, smRecoveries: 0, totalMs: 0, steps: timer.steps },
  };

  for (const [index, file] of plan.entries()) {
    const content = await readOne(file);
    if (content === undefined) continue;
    const intact = await afterFile(file, content);
    if (!intact) {
      for (const rest of plan.slice(index + 1)) skipped.push({ file: rest.name, reason: 'session-lost' });
      break;
    }
  }

  /** Chip authentication after DG14, active authentication after DG15. False when the session is gone. */
  async function afterFile(file: EfReference, content: Uint8Array): Promise<boolean> {
    if (file.name === 'DG14' && options.chipAuthentication !== undefined) {
      const input = inputFrom(() => options.chipAuthentication?.(content), 'chip authentication');
      if (input === undefined) return true;
      progress?.({ step: 'verifying' });
      const outcome = await timer.run('chip-authentication', () => chipAuthenticate(channel, input, options.random === undefined ? {} : { random: options.random }));
      const { sessionIntact, ...ca } = outcome;
      result.chipAuthentication = ca;
      result.access.smCipher = channel.smCipher;
      if (sessionIntact) return true;
      const { reopen } = recovery;
      if (reopen === undefined) return false;
      await timer.run('reopen', reopen);
      await selectApplication(channel.transmit);
      result.access.smCipher = channel.smCipher;
      return true;
    }
    if (file.name === 'DG15' && options.activeAuthentication !== undefined) {
      const input = inputFrom(() => options.activeAuthentication?.(content, files.DG14), 'active authentication');
      if (input === undefined) return true;
      progress?.({ step: 'verifying' });
      result.activeAuthentication = await timer.run('active-authentication', () =>
        performActiveAuthentication(channel.transmit, input, options.random === undefined ? {} : { random: options.random }),
      );
    }
    return true;
  }

  function inputFrom<T>(make: () => T | undefined, what: string): T | undefined {
    try {
      return make();
    } catch (error) {
      notes.push(`${what} not run: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  result.metrics = {
    apdus: guarded.apdus,
    workingLe: reader.workingLe,
    smRecoveries: reader.recoveries,
    totalMs: clock() - started,
    steps: timer.steps,
  };
  return result;
}
