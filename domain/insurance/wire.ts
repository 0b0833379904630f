/**
 * The BHXH gateway's wire formats (egw.baohiemxahoi.gov.vn), exactly as its
 * annex to CV 1923/BHXH-CNTT documents them: the token call, the card check
 * `KQNhanLichSuKCB2024` and the co-payment exemption look-up (MCCT).
 * Field names and date formats are byte for byte; every choice the sources do
 * not settle is in GATEWAY_WIRE, so it can change in one place.
 */
import { z } from 'zod';
import { parseCardDate, type CardDateFormat } from '../identity/date-text.ts';
import { formatPartialDate, type PartialDate } from '../identity/partial-date.ts';

/** Choices the sources leave open (research formats.md §3, "UNCONFIRMED"): one place to change them. */
export const GATEWAY_WIRE = {
  paths: {
    token: '/api/token/take',
    cardCheck: '/api/egw/KQNhanLichSuKCB2024',
    exemption: '/api/TraCuuCCT/TraCuuTienMCCT',
  },
  /** The token call is form-encoded [confirmed]; some clients send JSON [single source]. */
  tokenBody: 'form',
  /** The card check body is JSON per the annex; `form_params` also seems to work [unconfirmed]. */
  cardCheckBody: 'json',
  /** MD5 hex of the password: BHXH documents show upper case, working clients send lower; upper first, lower after a 401. */
  passwordCases: ['upper', 'lower'],
  /** Birth dates the card check accepts: the annex says DD/MM/YYYY; clients send yyyy for year-only births, MM/yyyy is seen. */
  birthDateFormats: ['dd/MM/yyyy', 'MM/yyyy', 'yyyy'] as readonly CardDateFormat[],
  /** Whether the 12-digit CCCD number is accepted as `maThe` (NĐ 188/2025 lets patients show the CCCD) [unconfirmed for this function]. */
  cccdAsCardCode: true,
  /** `expires_in` is shown as "…" in the annex; its unit is not documented. Seconds are assumed; a session lasts about 10 minutes. */
  expiresInUnit: 'seconds',
  defaultTokenLifetimeMs: 10 * 60_000,
} as const;

/** Gateway dates: dd/MM/yyyy (card validity, 5-year date, birth date in replies). */
export const GATEWAY_DATE_FORMAT = 'dd/MM/yyyy';
const GATEWAY_DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** A date as the gateway writes it (dd/MM/yyyy) to ISO yyyy-MM-dd, or null when absent or malformed. */
export function gatewayDayToIso(text: string | null | undefined): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  if (!GATEWAY_DAY.test(trimmed)) return null;
  const date = parseCardDate(trimmed, { formats: ['dd/MM/yyyy'], allowPartial: false });
  return date ? formatPartialDate(date) : null;
}

/** An ISO day (yyyy-MM-dd) as the gateway writes it. */
export function isoDayToGateway(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** A birth date as `ngaySinh`: dd/MM/yyyy for a full date, MM/yyyy or yyyy for a partial one. */
export function formatGatewayBirthDate(date: PartialDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  switch (date.precision) {
    case 'day':
      return `${pad(date.day, 2)}/${pad(date.month, 2)}/${pad(date.year, 4)}`;
    case 'month':
      return `${pad(date.month, 2)}/${pad(date.year, 4)}`;
    case 'year':
      return pad(date.year, 4);
  }
}

/** `ngaySinh` as the gateway accepts it, or null. */
export function parseGatewayBirthDate(text: string): PartialDate | null {
  const trimmed = text.trim();
  // parseCardDate also reads "dd/MM/yyyy" with a 00 day as partial; the gateway wants the shapes exactly.
  const shapes: Record<string, RegExp> = { 'dd/MM/yyyy': GATEWAY_DAY, 'MM/yyyy': /^\d{2}\/\d{4}$/, yyyy: /^\d{4}$/ };
  for (const format of GATEWAY_WIRE.birthDateFormats) {
    if (!shapes[format]?.test(trimmed)) continue;
    const date = parseCardDate(trimmed, { formats: [format], allowPartial: true });
    if (date && (format !== 'dd/MM/yyyy' || date.precision === 'day')) return date;
  }
  return null;
}

/** What identifies the card in `maThe`. */
export type CardCodeKind = 'card-code' | 'bhxh-number' | 'cccd';

export const CARD_CODE_PATTERNS: Record<CardCodeKind, RegExp> = {
  'card-code': /^[A-Z]{2}[1-5]\d{12}$/,
  'bhxh-number': /^\d{10}$/,
  cccd: /^\d{12}$/,
};

export function cardCodeKind(text: string): CardCodeKind | null {
  for (const kind of ['card-code', 'bhxh-number', 'cccd'] as const) {
    if (CARD_CODE_PATTERNS[kind].test(text)) return kind;
  }
  return null;
}

/** Returned codes are strings with leading zeros ("000"); some clients see numbers. */
const Code = z.union([z.string(), z.number().int()]).transform((value) => (typeof value === 'number' ? String(value).padStart(3, '0') : value.trim()));
/** A text field that may be absent or null in practice. */
const Text = z.string().nullish();

// ---- token: POST /api/token/take (form: username, password = MD5 hex) ----

export const TokenRequestSchema = z.object({ username: z.string().min(1), password: z.string().regex(/^[0-9A-Fa-f]{32}$/) }).strict();
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

export const TokenReplySchema = z.object({
  maKetQua: Code,
  APIKey: z
    .object({
      access_token: z.string().min(1),
      id_token: z.string().min(1),
      token_type: Text,
      username: Text,
      expires_in: z.union([z.string(), z.number()]).nullish(),
    })
    .nullish(),
});
export type TokenReply = z.infer<typeof TokenReplySchema>;

/** Login codes: 200 OK; 401 wrong user or password; 402/403 locked, not allowed or IP not registered (split unconfirmed); 500 server error. */
export const LOGIN_CODES = { ok: '200', refused: ['401', '402', '403'], retryable: ['500'] } as const;

/** How long a token lives, from `expires_in` (seconds assumed; a date is also read), else the documented session length. */
export function tokenLifetimeMs(expiresIn: string | number | null | undefined, nowMs: number): number {
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) return expiresIn * 1000;
  if (typeof expiresIn === 'string' && expiresIn.trim() !== '') {
    const text = expiresIn.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
    const at = Date.parse(text);
    if (Number.isFinite(at) && at > nowMs) return at - nowMs;
  }
  return GATEWAY_WIRE.defaultTokenLifetimeMs;
}

// ---- card check: POST /api/egw/KQNhanLichSuKCB2024?token=&id_token=&username=&password= ----

export const CARD_CHECK_AUTH_PARAMS = ['token', 'id_token', 'username', 'password'] as const;

export const CardCheckRequestSchema = z
  .object({
    maThe: z.string().min(1),
    hoTen: z.string().min(1),
    ngaySinh: z.string().refine((text) => parseGatewayBirthDate(text) !== null, 'dd/MM/yyyy, MM/yyyy or yyyy'),
    hoTenCb: z.string().min(1),
    cccdCb: z.string().regex(/^\d{12}$/),
  })
  .strict();
export type CardCheckRequest = z.infer<typeof CardCheckRequestSchema>;

const HistoryItemSchema = z.object({
  maHoSo: Text,
  maCSKCB: Text,
  ngayVao: Text,
  ngayRa: Text,
  tenBenh: Text,
  tinhTrang: Text,
  kqDieuTri: Text,
  lyDoVV: Text,
});

const CheckLogItemSchema = z.object({ userKT: Text, thoiGianKT: Text, thongBao: Text, maLoi: Text });

export const CardCheckReplySchema = z.object({
  maKetQua: Code,
  ghiChu: Text,
  maThe: Text,
  hoTen: Text,
  ngaySinh: Text,
  gioiTinh: Text,
  diaChi: Text,
  maDKBD: Text,
  cqBHXH: Text,
  gtTheTu: Text,
  gtTheDen: Text,
  maKV: Text,
  ngayDu5Nam: Text,
  maSoBHXH: Text,
  maTheCu: Text,
  maTheMoi: Text,
  gtTheTuMoi: Text,
  gtTheDenMoi: Text,
  maDKBDMoi: Text,
  tenDKBDMoi: Text,
  // Since CV 2746 (2025) the history may come back null and move to Lskcb2025 [single source].
  dsLichSuKCB2018: z.array(HistoryItemSchema).nullish(),
  dsLichSuKT2018: z.array(CheckLogItemSchema).nullish(),
});
export type CardCheckReply = z.infer<typeof CardCheckReplySchema>;

// ---- exemption: POST /api/TraCuuCCT/TraCuuTienMCCT (headers accessToken, tokenId, passwordHash; PascalCase reply) ----

export const EXEMPTION_AUTH_HEADERS = { accessToken: 'accesstoken', tokenId: 'tokenid', passwordHash: 'passwordhash' } as const;

export const ExemptionRequestSchema = z
  .object({
    username: z.string().min(1),
    maThe: z.string().min(1),
    hoTen: z.string().min(1),
    ngaySinh: z.string().refine((text) => parseGatewayBirthDate(text) !== null, 'dd/MM/yyyy, MM/yyyy or yyyy'),
  })
  .strict();
export type ExemptionRequest = z.infer<typeof ExemptionRequestSchema>;

export const ExemptionReplySchema = z.object({
  MaKetQua: Code,
  GhiChu: Text,
  ThongTinSoThe: z.object({ hoTen: Text, ngaySinh: Text, ngayKetThuc: Text, maBhxh: Text }).nullish(),
  DataCCT: z
    .array(
      z.object({
        maThe: Text,
        maCskcb: Text,
        ngayVao: Text,
        ngayRa: Text,
        tBNCCTMCCT: z.number().nullish(),
        tBNCCTLuyKe: z.number().nullish(),
      }),
    )
    .nullish(),
});
export type ExemptionReply = z.infer<typeof ExemptionReplySchema>;

/** MCCT codes: 200 found, 204 no data, 400 bad request, 500 error. */
export const EXEMPTION_CODES = { found: '200', none: '204', badRequest: '400', error: '500' } as const;
