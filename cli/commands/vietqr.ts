/**
 * `tiepdon vietqr make|parse`: make a VietQR payment payload from its fields,
 * or read one back as JSON, with the same strict encoder and parser the app uses.
 */
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  encodeVietQr,
  inspectVietQr,
  SERVICE_CODE,
  type TransferService,
  type VietQr,
  type VietQrError,
} from '../../domain/payment/index.ts';

const USAGE = `Usage:
  tiepdon vietqr make --bin BIN --account ACCOUNT [--amount DONG] [--purpose TEXT] [--card] [--json]
  tiepdon vietqr parse "PAYLOAD"

make   prints the payload: dynamic with --amount (whole dong), static without;
       --purpose is 1-25 characters of A-Z, 0-9 and spaces; --card pays to a card
       number (QRIBFTTC) instead of an account; --json prints the payload with its fields.
parse  prints the fields as JSON: initiation, bankBin, account, service, amount,
       currency, country, purpose, crc, crcValid (and "other" for anything else).
       A wrong CRC still prints the fields, with crcValid false, and exits 1.

Errors are one line on stderr, starting with their code; exit status 1 (2 for usage).
`;

export interface VietQrIo {
  stdout: Writable;
  stderr: Writable;
}

/** What `parse` prints: the payload's fields, then anything else it carries. */
export interface VietQrFields {
  initiation: 'static' | 'dynamic';
  bankBin: string;
  account: string;
  /** The NAPAS service code as written (QRIBFTTA, QRIBFTTC), or null when absent. */
  service: string | null;
  amount: number | null;
  currency: string;
  country: string;
  purpose: string | null;
  crc: string;
  crcValid: boolean;
  other?: Record<string, unknown>;
}

export async function runVietQr(args: string[], io: VietQrIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        bin: { type: 'string' },
        account: { type: 'string' },
        amount: { type: 'string' },
        purpose: { type: 'string' },
        card: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`USAGE: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [what, ...rest] = positionals;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (what === 'make' && rest.length === 0) return make(values, io);
  if (what === 'parse' && rest.length === 1) return parse(rest[0]!, io);
  io.stderr.write(USAGE);
  return 2;
}

interface MakeOptions {
  bin?: string | undefined;
  account?: string | undefined;
  amount?: string | undefined;
  purpose?: string | undefined;
  card: boolean;
  json: boolean;
}

function make(options: MakeOptions, io: VietQrIo): number {
  if (options.bin === undefined || options.account === undefined) {
    io.stderr.write('USAGE: make needs --bin and --account\n');
    return 2;
  }
  let amount: number | null = null;
  if (options.amount !== undefined) {
    // Digits only: "150.000" and "1e5" are not amounts a clerk means.
    if (!/^\d{1,13}$/.test(options.amount)) {
      io.stderr.write(`INVALID_VALUE: amount (ID 54): expected a whole number of dong, digits only, not "${options.amount}"\n`);
      return 1;
    }
    amount = Number(options.amount);
  }
  const service: TransferService = options.card ? 'to-card' : 'to-account';
  const encoded = encodeVietQr({ bankBin: options.bin, account: options.account, service, amount, purpose: options.purpose ?? null });
  if (!encoded.ok) return fail(encoded.error, io);
  if (!options.json) {
    io.stdout.write(`${encoded.value}\n`);
    return 0;
  }
  const inspected = inspectVietQr(encoded.value);
  if (!inspected.ok) return fail(inspected.error, io);
  io.stdout.write(JSON.stringify({ payload: encoded.value, ...fieldsOf(inspected.value.qr, true) }, null, 2) + '\n');
  return 0;
}

function parse(payload: string, io: VietQrIo): number {
  const inspected = inspectVietQr(payload.trim());
  if (!inspected.ok) return fail(inspected.error, io);
  const { qr, crcValid, crcExpected } = inspected.value;
  io.stdout.write(JSON.stringify(fieldsOf(qr, crcValid), null, 2) + '\n');
  if (crcValid) return 0;
  io.stderr.write(`CRC_MISMATCH: crc (ID 63): the payload says ${qr.crc}, its data calls for ${crcExpected}; the code is damaged or was altered\n`);
  return 1;
}

export function fieldsOf(qr: VietQr, crcValid: boolean): VietQrFields {
  const fields: VietQrFields = {
    initiation: qr.initiation,
    bankBin: qr.bankBin,
    account: qr.account,
    service: qr.service === null ? null : SERVICE_CODE[qr.service],
    amount: qr.amount,
    currency: qr.currency,
    country: qr.country,
    purpose: qr.purpose,
    crc: qr.crc,
    crcValid,
  };
  const other: Record<string, unknown> = {};
  if (qr.merchantCategoryCode !== null) other['merchantCategoryCode'] = qr.merchantCategoryCode;
  if (qr.merchantName !== null) other['merchantName'] = qr.merchantName;
  if (qr.merchantCity !== null) other['merchantCity'] = qr.merchantCity;
  for (const [template, objects] of Object.entries(qr.other)) {
    if (objects.length > 0) other[template] = objects;
  }
  if (Object.keys(other).length > 0) fields.other = other;
  return fields;
}

function fail(error: VietQrError, io: VietQrIo): number {
  io.stderr.write(`${error.message.replace(/\s+/g, ' ')}\n`);
  return 1;
}
