import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { splitScans } from '../../domain/identity/text.ts';
import { runQr } from './qr.ts';

const CLI = fileURLToPath(new URL('../tiepdon.ts', import.meta.url));

const CCCD = '001190012345|123456789|Nguyễn Thị Thử|01011990|Nữ|Số 1 Phố Thử, Hà Nội|15082021';

async function run(args: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  const code = await runQr(args, { stdin: Readable.from([stdin]), stdout, stderr, now: () => new Date('2026-03-02T03:00:00Z') });
  return { code, out: out.join('') };
}

describe('tiepdon qr parse', () => {
  it('prints the typed result of one payload', async () => {
    const { code, out } = await run(['parse', CCCD]);
    assert.equal(code, 0);
    const printed = JSON.parse(out);
    assert.equal(printed.kind, 'cccd');
    assert.equal(printed.parsed.fullName, 'Nguyễn Thị Thử');
    assert.deepEqual(printed.parsed.dateOfBirth, { precision: 'day', year: 1990, month: 1, day: 1 });
  });

  it('prints the typed error and fails for a payload that does not parse', async () => {
    const { code, out } = await run(['parse', 'vneid://x']);
    assert.equal(code, 1);
    assert.equal(JSON.parse(out).error.code, 'vneid-app-code');
  });

  it('reads one payload per stdin line and prints one JSON line each, CRLF or not', async () => {
    const { code, out } = await run(['parse'], `${CCCD}\r\nhello\n\n${CCCD}`);
    assert.equal(code, 0);
    const lines = out.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(
      lines.map((line) => line.kind + (line.error ? `:${line.error.code}` : '')),
      ['cccd', 'unknown:unrecognised', 'unknown:empty', 'cccd'],
    );
  });

  it('ends stdin lines only at a line feed, as the app reads scans: U+2028 and U+2029 stay inside the line', () => {
    const input = `${CCCD}\u2028tail\nhello\u2029world\r\n${CCCD}\n`;
    const out = execFileSync(process.execPath, [CLI, 'qr', 'parse'], { input, encoding: 'utf8' });
    const answers = out.trimEnd().split('\n');
    assert.equal(answers.length, 3);
    assert.equal(answers.length, input.split('\n').filter((line) => splitScans(line).length === 1).length, 'one scan per line for the app too');
    assert.equal(JSON.parse(answers[2]!).kind, 'cccd');
  });

  it('shows usage for anything else', async () => {
    assert.equal((await run(['frobnicate'])).code, 2);
    assert.equal((await run(['parse', 'a', 'b'])).code, 2);
    assert.equal((await run(['--help'])).code, 0);
  });
});
