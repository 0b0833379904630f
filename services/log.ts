/**
 * Structured JSON-lines logging with personal data redacted on the way out.
 *
 * Callers should pass facts, never personal data; redaction is the safety net
 * for what slips through (an error message quoting input, a record logged
 * whole). Every line is redacted before it reaches the sink:
 * - values under keys that name personal data or secrets (name, fullName,
 *   birthDate, address, phone, photo, idNumber, password, token, and their
 *   Vietnamese names: ho_ten, ngay_sinh, dia_chi …) are masked whole;
 * - in every other string (the message included): CCCD numbers (12 digits,
 *   also grouped or with a letter after them), BHYT card codes (2 letters +
 *   13 digits, with any suffix), BHXH numbers (10 digits), old ID numbers
 *   (9 digits), phone numbers, scanned QR records (`a|b|c|d`, to the end of
 *   the line), MRZ lines and name fields, Vietnamese names (capitalised words
 *   with Vietnamese diacritics), and the value after any of those keys written
 *   as text (`ten=an`, `"ngaySinh":"15/08/1990"`) are masked.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, minLevel: LogLevel = 'info', bindings: Record<string, unknown> = {}): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVEL_RANK[level] < LEVEL_RANK[minLevel]) return;
    sink(JSON.stringify(redactRecord({ time: new Date().toISOString(), level, msg, ...bindings, ...fields })));
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (more) => createLogger(sink, minLevel, { ...bindings, ...more }),
  };
}

export const silentLogger: Logger = createLogger(() => {}, 'error');

// ---------------------------------------------------------------------------
// Redaction

export const REDACTED = '[REDACTED]';

/**
 * Keys (compared lower-case, without `_`, `-` and spaces) whose values are
 * personal data or secrets, whatever their content.
 */
const SENSITIVE_KEYS = new Set(
  [
    'name', 'ten', 'hoTen', 'hoVaTen', 'hoTenCb', 'tenBenhNhan', 'fullName', 'firstName', 'lastName', 'middleName', 'givenName', 'familyName', 'patientName', 'holderName',
    'otherName', 'fatherName', 'motherName', 'spouseName', 'guardianName', 'contactName',
    'birthDate', 'dateOfBirth', 'dob', 'birthYear', 'yearOfBirth', 'ngaySinh', 'namSinh',
    'address', 'diaChi', 'placeOfResidence', 'placeOfOrigin', 'placeOfBirth', 'residence', 'street',
    'phone', 'dienThoai', 'soDienThoai', 'phoneNumber', 'mobile', 'tel', 'telephone', 'email',
    'photo', 'image', 'face', 'portrait', 'signature', 'fingerprint',
    'idNumber', 'cccd', 'cmnd', 'oldIdNumber', 'citizenId', 'nationalId', 'personalNumber', 'documentNumber', 'soCccd',
    'bhyt', 'bhytCode', 'bhytNumber', 'insuranceCode', 'insuranceNumber', 'cardNumber', 'bhxh', 'bhxhNumber', 'socialInsuranceNumber',
    'maThe', 'maTheBhyt', 'maSoBhxh',
    'mrz', 'can', 'accessKey', 'identifyingMarks', 'religion', 'ethnicity',
    'password', 'passphrase', 'pin', 'secret', 'token', 'idToken', 'accessToken', 'apiKey', 'authorization', 'credentials', 'clientSecret', 'cookie',
  ].map(normaliseKey),
);

/** Without separators, case or Vietnamese diacritics: `ho_ten`, `hoTen` and `Họ tên` are one key. */
function normaliseKey(key: string): string {
  return key
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\s_-]/g, '')
    .toLowerCase();
}

/**
 * Any key ending in one of these holds a person's name or number whatever it
 * is called (staffFullName, staffCccd, payerPhone…); plain "…name" is not one:
 * readerName, fileName and bankName are what IT needs to read.
 */
const SENSITIVE_SUFFIXES = ['cccd', 'cmnd', 'phone', 'birthdate', 'fullname', 'staffname', 'personname'];

export function isSensitiveKey(key: string): boolean {
  const normalised = normaliseKey(key);
  return SENSITIVE_KEYS.has(normalised) || SENSITIVE_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

/** Vietnamese letters outside ASCII: a capitalised word with one of these is taken for part of a name. */
const VI_LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const VI_LETTER = new RegExp(`[${VI_LETTERS}]`, 'iu');
/** Two or more capitalised words in a row. */
const CAPITALISED_RUN = /(?<!\p{L})\p{Lu}\p{L}*(?:[ \t]+\p{Lu}\p{L}*)+(?!\p{L})/gu;

/**
 * Names written without diacritics (a scanner under no input method, the MRZ,
 * a form typed in ASCII): a common Vietnamese family name then two or more
 * capitalised words, or one after a common middle name ("Tran Thi Bich",
 * "NGUYEN VAN AN", "Le Van Tam").
 */
const FAMILY_NAMES = ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly', 'Dinh', 'Trinh', 'Truong', 'Mai', 'Cao', 'Lam', 'Luong', 'Ha', 'Ta', 'Quach', 'Doan', 'Trieu', 'Kieu', 'Lu'];
const MIDDLE_NAMES = ['Van', 'Thi', 'Duc', 'Huu', 'Minh', 'Quoc', 'Ngoc', 'Thanh', 'Xuan', 'Cong', 'Dinh', 'Hoang', 'Kim', 'Bao', 'Gia'];
const titleOrUpper = (words: string[]) => words.flatMap((word) => [word, word.toUpperCase()]).join('|');
const ASCII_NAME = new RegExp(
  `(?<![\\p{L}])(?:${titleOrUpper(FAMILY_NAMES)})(?:\\s+(?:${titleOrUpper(MIDDLE_NAMES)})(?:\\s+\\p{Lu}\\p{L}*){1,3}|(?:\\s+\\p{Lu}\\p{L}*){2,4})(?![\\p{L}])`,
  'gu',
);

type Replacer = (match: string) => string;

/** Applied in order. */
const TEXT_RULES: ReadonlyArray<{ pattern: RegExp; replace: Replacer }> = [
  // Scanned codes (CCCD and BHYT QR payloads are `|`-separated records): the whole record.
  { pattern: /[^\s|"]*(?:\|[^|\n"]*){3,}/g, replace: () => '[QR]' },
  // MRZ lines: a run of A–Z, 0–9 and `<` with a filler in it (IDVNM0123456789001090012345<<8), or an ID card's first line.
  { pattern: /(?<![A-Za-z0-9<])(?:I[A-Z<]VNM[A-Z0-9<]{9,}|(?=[A-Z0-9<]*<)[A-Z0-9<]{20,})(?![A-Za-z0-9<])/g, replace: () => '[MRZ]' },
  // MRZ name field: SURNAME<<GIVEN<NAMES
  { pattern: /[A-Z]+<<[A-Z<]*/g, replace: () => '[MRZ]' },
  // BHYT card code: 2 letters + 13 digits (also written with a space or dash after the letters), with whatever is stuck to its end.
  { pattern: /(?<![\p{L}\p{N}])[A-Za-z]{2}[ -]?\d{13}(?!\d)[\p{L}\p{N}]*/gu, replace: () => '[BHYT]' },
  // Phone numbers: +84 / 84 / 0, then 9 digits, optionally grouped by spaces, dots or dashes.
  { pattern: /(?<![\p{L}\p{N}+])(?:\+84|84|0)(?:[ .-]?\d){9}(?![\p{L}\p{N}])/gu, replace: () => '[PHONE]' },
  // A CCCD number written in groups (001 090 012 345, 0010-9001-2345): groups of 2–6 digits, one kind of separator, 12 digits in all.
  { pattern: /(?<![\p{L}\p{N}])\d{2,6}([ -])\d{2,6}(?:\1\d{2,6}){0,4}(?![\p{L}\p{N}])/gu, replace: (match) => (match.replace(/\D/g, '').length === 12 ? '[CCCD]' : match) },
  // CCCD (12, with any letters stuck to its end: 001090012345A), BHXH (10), and any other bare run of 9–15 digits (old CMND, cards, accounts).
  { pattern: /(?<![\p{L}\p{N}])\d{12}(?!\d)\p{L}*/gu, replace: () => '[CCCD]' },
  { pattern: /(?<![\p{L}\p{N}])\d{10}(?![\p{L}\p{N}])/gu, replace: () => '[BHXH]' },
  { pattern: /(?<![\p{L}\p{N}])\d{9,15}(?![\p{L}\p{N}])/gu, replace: () => '[ID]' },
  // Vietnamese names: capitalised words in a row, at least one with a Vietnamese letter ("Nguyễn Văn An").
  { pattern: CAPITALISED_RUN, replace: (match) => (VI_LETTER.test(match) ? '[NAME]' : match) },
  { pattern: ASCII_NAME, replace: () => '[NAME]' },
];

/** Masks personal data in free text. */
export function redactText(text: string): string {
  let result = text.normalize('NFC');
  for (const { pattern, replace } of TEXT_RULES) result = result.replace(pattern, replace);
  return redactKeyedValues(result);
}

/** A key written in text (one or two words: `ten`, `ho_ten`, `Họ tên`, `"ngaySinh"`) and its `=` or `:`. */
const TEXT_KEY = /(?<![\p{L}\p{N}_-])(?:([\p{L}][\p{L}\p{N}_-]*) )?([\p{L}][\p{L}\p{N}_-]*)(["']?[ \t]*[=:][ \t]*)/gu;
const VALUE_CHARS = `[^\\s&,;|)}"'<>]+`;
/** An unquoted value: words up to a separator or the next `key=` / `key:`. */
const UNQUOTED_VALUE = new RegExp(`${VALUE_CHARS}(?:[ \\t]+(?![\\p{L}][\\p{L}\\p{N}_-]*["']?[ \\t]*[=:])${VALUE_CHARS})*`, 'uy');
const ALREADY_MASKED = /^\[[A-Z]+\]$/;

/**
 * The value after a sensitive key written as text (`ten=an`, `name: an`,
 * `"ho_ten":"nguyen van an"`, `ngay_sinh=1990-08-15`): what no other rule can
 * tell from ordinary words.
 */
function redactKeyedValues(text: string): string {
  let result = '';
  let copiedUpTo = 0;
  TEXT_KEY.lastIndex = 0;
  for (let match = TEXT_KEY.exec(text); match; match = TEXT_KEY.exec(text)) {
    const [whole, firstWord, lastWord] = match;
    const valueStart = match.index + whole.length;
    const sensitive = isSensitiveKey(lastWord!) || (firstWord !== undefined && isSensitiveKey(firstWord + lastWord));
    const value = sensitive ? valueSpan(text, valueStart) : undefined;
    if (value && !ALREADY_MASKED.test(text.slice(value.start, value.end))) {
      result += text.slice(copiedUpTo, value.start) + REDACTED;
      copiedUpTo = value.end;
    }
    TEXT_KEY.lastIndex = value?.end ?? valueStart;
  }
  return result + text.slice(copiedUpTo);
}

/** Where the value starting at `start` lies: inside its quotes when quoted on one line, else its unquoted words. */
function valueSpan(text: string, start: number): { start: number; end: number } | undefined {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const closing = text.indexOf(quote, start + 1);
    const lineEnd = text.indexOf('\n', start);
    if (closing > start + 1 && (lineEnd === -1 || closing < lineEnd)) return { start: start + 1, end: closing };
    if (closing === start + 1) return undefined;
    start += 1;
  }
  UNQUOTED_VALUE.lastIndex = start;
  return UNQUOTED_VALUE.test(text) ? { start, end: UNQUOTED_VALUE.lastIndex } : undefined;
}

const MAX_DEPTH = 8;

/** A copy of a log record with personal data masked: safe for JSON.stringify (no cycles, no buffers). */
export function redactRecord(record: Record<string, unknown>): Record<string, unknown> {
  return redactObject(record, 0, new WeakSet());
}

function redactObject(value: object, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // time, level and msg keep their place; only msg is text to redact.
    result[key] = isSensitiveKey(key) && inner !== undefined && inner !== null ? REDACTED : redactValue(inner, depth + 1, seen);
  }
  return result;
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (depth > MAX_DEPTH) return '[…]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      return { name: value.name, message: redactText(value.message), ...redactObject({ ...value }, depth, seen) };
    }
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    return redactObject(value, depth, seen);
  } finally {
    seen.delete(value);
  }
}

// ---------------------------------------------------------------------------
// Recent warnings and errors, for the diagnostics page

/** The newest warn and error lines (already redacted), oldest first, at most `capacity` of them. */
export class RecentLogLines {
  readonly #capacity: number;
  readonly #lines: string[] = [];

  constructor(capacity = 200) {
    this.#capacity = capacity;
  }

  add(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.#capacity) this.#lines.splice(0, this.#lines.length - this.#capacity);
  }

  list(): string[] {
    return [...this.#lines];
  }
}

/**
 * A logger that writes to `log` and also keeps its warn and error records
 * (redacted, as JSON lines) in `recent`.
 */
export function recordingRecentErrors(log: Logger, recent: RecentLogLines, bindings: Record<string, unknown> = {}): Logger {
  const keep = (level: 'warn' | 'error', msg: string, fields?: Record<string, unknown>) =>
    recent.add(JSON.stringify(redactRecord({ time: new Date().toISOString(), level, msg, ...bindings, ...fields })));
  return {
    debug: (msg, fields) => log.debug(msg, fields),
    info: (msg, fields) => log.info(msg, fields),
    warn: (msg, fields) => {
      keep('warn', msg, fields);
      log.warn(msg, fields);
    },
    error: (msg, fields) => {
      keep('error', msg, fields);
      log.error(msg, fields);
    },
    child: (more) => recordingRecentErrors(log.child(more), recent, { ...bindings, ...more }),
  };
}
