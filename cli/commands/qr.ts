/**
 * `tiepdon qr parse`: what the app makes of a scanned code, as JSON. With a
 * payload argument it prints one result; without, it reads one payload per
 * line from stdin and prints one JSON line for each, in order.
 */
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { readScanText, vietnamToday } from '../../services/scanning/read-scan-text.ts';

const USAGE = `Usage: tiepdon qr parse ["PAYLOAD"]

Prints the kind (cccd, bhyt, vietqr, unknown) and the parsed result or the
error as JSON. Without PAYLOAD, reads one payload per line from stdin and
prints one JSON line per input line. Exit status: 1 when a single payload
does not parse; 0 for stdin unless reading fails.
`;

export interface QrIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  now?: () => Date;
}

export async function runQr(args: string[], io: QrIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  const [what, payload, ...extra] = positionals;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (what !== 'parse' || extra.length > 0) {
    io.stderr.write(USAGE);
    return 2;
  }
  const now = io.now ?? (() => new Date());
  const read = (text: string) => readScanText(text, { today: vietnamToday(now()) });
  if (payload !== undefined) {
    const reading = read(payload);
    io.stdout.write(JSON.stringify(reading, null, 2) + '\n');
    return reading.error ? 1 : 0;
  }
  for await (const line of linesOf(io.stdin)) io.stdout.write(JSON.stringify(read(line)) + '\n');
  return 0;
}

/**
 * The lines of a stream, ended by LF (a CR before it dropped). Not readline: it also ends lines
 * at U+2028 and U+2029, which a scanned payload may hold and the app reads as part of the scan.
 */
async function* linesOf(input: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let partial = '';
  for await (const chunk of input as AsyncIterable<string | Uint8Array>) {
    const lines = (partial + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))).split('\n');
    partial = lines.pop()!;
    for (const line of lines) yield withoutCr(line);
  }
  partial += decoder.decode();
  if (partial !== '') yield withoutCr(partial);
}

const withoutCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);
