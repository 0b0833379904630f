/**
 * Reads whole elementary files: opens a file by short file ID or by SELECT,
 * reads the first chunk at the largest size the session allows, takes the
 * total length from the file's TLV header, then reads the rest (ICAO 9303-10
 * §3.5, cccd-chip.md §7.1).
 *
 * Le step-down: 6700, 6B00 (first chunk) and 6Cxx lower the chunk size
 * through C0, A0, 80, and the size that works is kept for the session.
 * Under secure messaging a chip normally protects such status words and
 * keeps its keys. A bare status word instead (an SM error, ICAO 9303-11
 * §9.8.6) means the chip has dropped its keys and both SSCs have moved on:
 * then the reader calls `reauthenticate` to open a new session, re-selects the
 * file and goes on at the smaller size; without that callback the read ends
 * with 'sm-session-lost'. Other bare status words (6A82, 6982) are taken as
 * answers, as chips in the field send them that way and keep their session.
 */
import { isSuccess, sendCommand, statusError, SW, type CommandApdu } from '../apdu.ts';
import { concatBytes } from '../bytes.ts';
import { EmrtdError, isEmrtdError } from '../errors.ts';
import { decodeFirstTlv, encodeTlv } from '../tlv.ts';
import type { ReaderChannel } from './channel.ts';
import type { EfReference } from './files.ts';

export interface FileProgress {
  file: string;
  fid: number;
  bytesRead: number;
  totalBytes: number;
}

export interface FileReaderOptions {
  /** Open files with READ BINARY by short file ID first (saves the SELECT). Default true. */
  useSfi?: boolean;
  /**
   * Read in extended-length APDUs: true for 4096-byte chunks, or the chunk size.
   * Off by default: many readers and drivers refuse extended APDUs.
   */
  extendedLength?: boolean | number;
  /** After every chunk. */
  onProgress?: (progress: FileProgress) => void;
  /** Reopens secure messaging on the same channel after the chip dropped its session keys. */
  reauthenticate?: () => Promise<void>;
  /** At most this many reauthentications per reader (default 2). */
  maxRecoveries?: number;
}

export type OpenOrder = 'sfi-first' | 'fid-first';

export interface ReadFileResult {
  content: Uint8Array;
  openedBy: 'sfi' | 'select';
}

export interface ReadOptions {
  /**
   * A file whose TLV header cannot be sized (empty, truncated, an unusable
   * length) or that ends before its header's length comes back as read, for the
   * caller to judge, instead of a 'file-malformed' error. Status words still end the read.
   */
  asRead?: boolean;
}

/** The largest plaintext a short-length response can carry: 256 plain, 0xDF under AES-SM, 0xE7 under 3DES-SM. */
export const SHORT_READ_LIMIT = { plain: 0x100, aes: 0xdf, des3: 0xe7 } as const;
export const STEP_DOWN_SIZES: readonly number[] = [0xc0, 0xa0, 0x80];
const DEFAULT_EXTENDED_CHUNK = 0x1000;
/** Largest offset an even-INS READ BINARY can address (15 bits). */
const MAX_EVEN_OFFSET = 0x7fff;

/** Answers to opening a file one way that mean "try the other way" rather than "no such file". */
const OPEN_FALLBACK = new Set<number>([
  SW.FILE_NOT_FOUND,
  SW.INCORRECT_P1P2,
  SW.FUNCTION_NOT_SUPPORTED,
  SW.INS_NOT_SUPPORTED,
  SW.WRONG_P1P2,
  SW.NO_CURRENT_EF,
  0x6981,
]);

const isSmError = (sw: number) => sw === SW.SM_DATA_OBJECTS_MISSING || sw === SW.SM_DATA_OBJECTS_INCORRECT;

type ChunkAnswer = { ok: true; data: Uint8Array } | { ok: false; sw: number };

export function readBinaryCommand(offset: number, ne: number, sfi?: number): CommandApdu {
  if (sfi !== undefined) {
    if (offset > 0xff) throw new RangeError('a short file ID read takes an offset below 256');
    return { cla: 0x00, ins: 0xb0, p1: 0x80 | sfi, p2: offset, ne };
  }
  if (offset <= MAX_EVEN_OFFSET) return { cla: 0x00, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, ne };
  const offsetBytes: number[] = [];
  for (let rest = offset; rest > 0; rest = Math.floor(rest / 256)) offsetBytes.unshift(rest % 256);
  // Odd INS: the offset goes in DO54, P1-P2 = 0000 means the current EF.
  return { cla: 0x00, ins: 0xb1, p1: 0x00, p2: 0x00, data: encodeTlv(0x54, Uint8Array.from(offsetBytes)), ne };
}

/** Tag and length of a file's outer TLV: the file's total size. */
export function tlvTotalLength(head: Uint8Array, name: string): number {
  let offset = 0;
  const first = head[offset++];
  if (first === undefined) throw new EmrtdError('file-malformed', `${name} is empty`);
  if ((first & 0x1f) === 0x1f) {
    while (((head[offset] ?? 0) & 0x80) !== 0) offset++;
    offset++;
  }
  const lengthByte = head[offset++];
  if (lengthByte === undefined) throw new EmrtdError('file-malformed', `${name}: truncated TLV header`);
  if (lengthByte < 0x80) return offset + lengthByte;
  const count = lengthByte & 0x7f;
  if (count === 0 || count > 4 || offset + count > head.length) throw new EmrtdError('file-malformed', `${name}: unusable TLV length`);
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (head[offset + i] as number);
  return offset + count + length;
}

export class FileReader {
  readonly #channel: ReaderChannel;
  readonly #useSfi: boolean;
  readonly #extended: number | undefined;
  readonly #onProgress: ((progress: FileProgress) => void) | undefined;
  readonly #reauthenticate: (() => Promise<void>) | undefined;
  readonly #maxRecoveries: number;
  /** The largest chunk the chip has accepted after a refusal. */
  #limit: number | undefined;
  /** Whether short file ID reads work here: unknown until one is tried. */
  #sfiWorks: boolean | undefined;
  #recoveries = 0;

  constructor(channel: ReaderChannel, options: FileReaderOptions = {}) {
    this.#channel = channel;
    this.#useSfi = options.useSfi ?? true;
    const extended = options.extendedLength;
    this.#extended = extended === true ? DEFAULT_EXTENDED_CHUNK : typeof extended === 'number' ? extended : undefined;
    this.#onProgress = options.onProgress;
    this.#reauthenticate = options.reauthenticate;
    this.#maxRecoveries = options.maxRecoveries ?? 2;
  }

  /** The chunk size reads use now. */
  get workingLe(): number {
    const cipher = this.#channel.smCipher;
    const short = cipher === undefined ? SHORT_READ_LIMIT.plain : SHORT_READ_LIMIT[cipher];
    return Math.min(this.#extended ?? short, this.#limit ?? Number.POSITIVE_INFINITY);
  }

  get recoveries(): number {
    return this.#recoveries;
  }

  /**
   * The whole file. A status word that ends the read (6A82 no such file, 6982
   * access denied) comes out as a 'status-word' error carrying that SW.
   */
  async read(file: EfReference, order: OpenOrder = 'sfi-first', options: ReadOptions = {}): Promise<ReadFileResult> {
    const opened = await this.#open(file, order);
    let total: number;
    try {
      total = tlvTotalLength(opened.first, file.name);
    } catch (error) {
      if (options.asRead !== true || !isEmrtdError(error, 'file-malformed')) throw error;
      this.#progress(file, opened.first.length, opened.first.length);
      return { content: opened.first, openedBy: opened.openedBy };
    }
    let content = opened.first.length > total ? opened.first.slice(0, total) : opened.first;
    this.#progress(file, content.length, total);
    const parts = [content];
    let length = content.length;
    while (length < total) {
      const answer = await this.#readAt(file, length, total - length);
      if (!answer.ok) throw statusError(answer.sw, `READ BINARY ${file.name} at ${length}`);
      if (answer.data.length === 0) {
        if (options.asRead === true) break;
        throw new EmrtdError('file-malformed', `${file.name} ends before the length its header gives`);
      }
      const data = answer.data.length > total - length ? answer.data.subarray(0, total - length) : answer.data;
      parts.push(data);
      length += data.length;
      this.#progress(file, length, total);
    }
    content = parts.length === 1 ? content : concatBytes(...parts);
    return { content, openedBy: opened.openedBy };
  }

  #progress(file: EfReference, bytesRead: number, totalBytes: number): void {
    this.#onProgress?.({ file: file.name, fid: file.fid, bytesRead, totalBytes });
  }

  async #open(file: EfReference, order: OpenOrder): Promise<{ first: Uint8Array; openedBy: 'sfi' | 'select' }> {
    const sfiUsable = file.sfi !== undefined && this.#useSfi && this.#sfiWorks !== false;
    const ways: ('sfi' | 'select')[] = !sfiUsable ? ['select'] : order === 'sfi-first' ? ['sfi', 'select'] : ['select', 'sfi'];
    let refusal = SW.FILE_NOT_FOUND as number;
    for (const [index, way] of ways.entries()) {
      const answer = way === 'sfi' ? await this.#readAt(file, 0, Number.POSITIVE_INFINITY, file.sfi) : await this.#selectAndReadFirst(file);
      if (answer.ok) {
        if (way === 'sfi') this.#sfiWorks = true;
        // SELECT found the file where the short file ID did not: stop trying short file IDs.
        else if (ways[index - 1] === 'sfi') this.#sfiWorks = false;
        return { first: answer.data, openedBy: way };
      }
      refusal = answer.sw;
      // Once short file IDs are known to work, their 6A82 means the file is not there.
      const trusted = way === 'sfi' && this.#sfiWorks === true && answer.sw === SW.FILE_NOT_FOUND;
      if (!OPEN_FALLBACK.has(answer.sw) || trusted) break;
    }
    throw statusError(refusal, `open ${file.name}`);
  }

  async #selectAndReadFirst(file: EfReference): Promise<ChunkAnswer> {
    const sw = await this.#select(file);
    if (!isSuccess(sw)) return { ok: false, sw };
    const answer = await this.#readAt(file, 0, Number.POSITIVE_INFINITY);
    if (!answer.ok) throw statusError(answer.sw, `READ BINARY ${file.name}`);
    return answer;
  }

  async #select(file: EfReference): Promise<number> {
    const command: CommandApdu = { cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(file.fid >> 8, file.fid & 0xff) };
    let response = await sendCommand(this.#channel.transmit, command);
    if (this.#channel.lastResponseWasBare && isSmError(response.sw)) {
      await this.#recover(file, false);
      response = await sendCommand(this.#channel.transmit, command);
    }
    return response.sw;
  }

  async #recover(file: EfReference, reselect: boolean): Promise<void> {
    if (this.#reauthenticate === undefined || this.#recoveries >= this.#maxRecoveries) {
      throw new EmrtdError('sm-session-lost', `the chip ended secure messaging while reading ${file.name}`);
    }
    this.#recoveries++;
    await this.#reauthenticate();
    if (!reselect) return;
    const sw = await this.#select(file);
    if (!isSuccess(sw)) throw statusError(sw, `SELECT ${file.name} after reopening secure messaging`);
  }

  #stepDown(current: number): number | undefined {
    const cipher = this.#channel.smCipher;
    const short = cipher === undefined ? SHORT_READ_LIMIT.plain : SHORT_READ_LIMIT[cipher];
    const lower = [short, ...STEP_DOWN_SIZES].find((size) => size < current);
    if (lower !== undefined) this.#limit = lower;
    return lower;
  }

  /** One chunk at `offset`, stepping the size down as the chip asks; the data is unwrapped from DO53 for odd INS. */
  async #readAt(file: EfReference, offset: number, want: number, sfi?: number): Promise<ChunkAnswer> {
    const odd = sfi === undefined && offset > MAX_EVEN_OFFSET;
    // An odd-INS answer spends up to 4 of its bytes on the DO53 header.
    const wanted = odd ? want + 4 : want;
    let le = Math.min(this.workingLe, wanted);
    let exactTried = false;
    for (;;) {
      const response = await sendCommand(this.#channel.transmit, readBinaryCommand(offset, le, sfi));
      const { sw } = response;
      if (isSuccess(sw) || sw === SW.END_OF_FILE) return { ok: true, data: odd ? openDo53(response.data, file) : response.data };
      const bare = this.#channel.lastResponseWasBare;
      if (sw >> 8 === 0x6c && !bare && !exactTried) {
        exactTried = true;
        const exact = sw & 0xff || 0x100;
        // Mid-file, the chip cannot be pointing at the end of the file: it is telling its limit.
        if (offset > 0 && exact < le) this.#limit = exact;
        le = exact;
        continue;
      }
      const refusesSize = sw === SW.WRONG_LENGTH || (sw === SW.WRONG_P1P2 && offset === 0 && sfi === undefined) || sw >> 8 === 0x6c;
      const lost = bare && (refusesSize || isSmError(sw));
      if (!refusesSize && !lost) return { ok: false, sw };
      if (lost) await this.#recover(file, sfi === undefined);
      const lower = this.#stepDown(le);
      if (lower === undefined) return { ok: false, sw };
      le = Math.min(lower, wanted);
    }
  }
}

function openDo53(data: Uint8Array, file: EfReference): Uint8Array {
  try {
    const object = decodeFirstTlv(data);
    if (object.tag !== 0x53) throw new EmrtdError('file-malformed', `${file.name}: odd-INS READ BINARY answered without DO53`);
    return object.value;
  } catch (error) {
    if (error instanceof EmrtdError && error.kind === 'tlv-malformed') {
      throw new EmrtdError('file-malformed', `${file.name}: unreadable DO53`, { cause: error });
    }
    throw error;
  }
}
