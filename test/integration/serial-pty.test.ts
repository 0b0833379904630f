/**
 * serialport on a real pseudo-terminal: the app's end is opened with serialport,
 * the "scanner" writes to the other end. Names are test data, not people.
 */
import assert from 'node:assert/strict';
import { open, type FileHandle } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SerialPort } from 'serialport';
import { ptyRigMissing, startPtyPair, type PtyPair } from '../rig/pty-pair.ts';

const READ_TIMEOUT_MS = 5_000;

/** Collects what the port receives until `done` says the bytes so far are complete. */
function readUntil(port: SerialPort, done: (received: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => finish(new Error(`nothing complete arrived within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      if (done(Buffer.concat(chunks))) finish();
    };
    function finish(error?: Error) {
      clearTimeout(timer);
      port.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    }
    port.on('data', onData);
  });
}

const endsWithCrLf = (bytes: Buffer) => bytes.length >= 2 && bytes.at(-2) === 0x0d && bytes.at(-1) === 0x0a;

describe('serialport over a socat pty pair', { skip: ptyRigMissing() }, () => {
  let pair: PtyPair;
  let port: SerialPort;
  let scanner: FileHandle;

  before(async () => {
    pair = await startPtyPair();
    port = new SerialPort({ path: pair.a, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    scanner = await open(pair.b, 'w');
  });

  after(async () => {
    await scanner?.close();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await pair?.stop();
  });

  it('reads a line written to the other end with Vietnamese diacritics intact', async () => {
    const line = 'Nguyễn Văn An|Số 1 Phố Thử Nghiệm, Hà Nội';
    const received = readUntil(port, endsWithCrLf);
    await scanner.write(Buffer.from(`${line}\r\n`, 'utf8'));
    const text = (await received).toString('utf8');
    assert.equal(text, `${line}\r\n`);
    assert.equal(text.normalize('NFC'), text, 'precomposed characters stay precomposed');
  });

  it('reassembles a character split across two writes', async () => {
    const bytes = Buffer.from('Trần Thị Thử\r\n', 'utf8');
    const cut = bytes.indexOf(Buffer.from('ầ', 'utf8')) + 1; // inside the three bytes of "ầ"
    const received = readUntil(port, endsWithCrLf);
    await scanner.write(bytes.subarray(0, cut));
    await scanner.write(bytes.subarray(cut));
    assert.equal((await received).toString('utf8'), 'Trần Thị Thử\r\n');
  });

  it('passes every byte value untouched (raw mode: no CR/LF translation, no control characters eaten)', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const received = readUntil(port, (bytes) => bytes.length >= all.length);
    await scanner.write(all);
    assert.deepEqual(await received, all);
  });
});
