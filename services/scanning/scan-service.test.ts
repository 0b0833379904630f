import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanEvent } from '../../domain/scan.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { EventBus } from '../event-bus.ts';
import { createLogger } from '../log.ts';
import { createScanService, LAST_CCCD_TTL_MS } from './scan-service.ts';

const CCCD = '001190012345|123456789|Nguyễn Thị Thử|01011990|Nữ|Số 1 Phố Thử, Hà Nội|15082021';

function setUp(refusal?: () => AppError | undefined) {
  let clock = Date.parse('2026-03-02T03:00:00Z');
  const logLines: string[] = [];
  const events = new EventBus(createLogger(() => {}));
  const scans: ScanEvent[] = [];
  const refused: unknown[] = [];
  events.subscribe((name, payload) => {
    if (name === 'scan') scans.push(payload as ScanEvent);
    if (name === 'scan.refused') refused.push(payload);
  });
  let ids = 0;
  const service = createScanService({
    events,
    log: createLogger((line) => logLines.push(line), 'debug'),
    knownScanner: (id) => ['keyboard-wedge', 'camera', 'serial:desk'].includes(id),
    now: () => new Date(clock),
    newId: () => `scan-${++ids}`,
    ...(refusal ? { refusal } : {}),
  });
  return { service, scans, refused, logLines, advance: (ms: number) => (clock += ms) };
}

const hostScan = (text: string, overrides: Record<string, unknown> = {}) => ({
  scannerId: 'serial:desk',
  transport: 'serial',
  text,
  bytesHex: Buffer.from(text, 'utf8').toString('hex').toUpperCase(),
  byteLength: Buffer.byteLength(text),
  receivedAt: Date.parse('2026-03-02T03:00:00Z'),
  warnings: [],
  textMayBeGarbled: false,
  ...overrides,
});

describe('scan service', () => {
  it('while nobody is signed in, announces scans as refused without their text, remembers nothing, and still answers IT\'s test scan', async () => {
    let signedOut = true;
    const { service, scans, refused, logLines } = setUp(() => (signedOut ? new AppError('CLERK_SIGNED_OUT', 'Sign in at the desk first') : undefined));
    assert.throws(() => service.submit({ source: 'keyboard-wedge', raw: CCCD }), (error) => isAppError(error) && error.code === 'CLERK_SIGNED_OUT');
    assert.equal(service.fromHost(hostScan(CCCD)), undefined);
    assert.deepEqual(scans, []);
    assert.deepEqual(refused, [
      { id: 'scan-1', source: 'keyboard-wedge', code: 'CLERK_SIGNED_OUT' },
      { id: 'scan-2', source: 'serial', code: 'CLERK_SIGNED_OUT' },
    ]);
    assert.equal(service.lastCccdKey(), undefined, 'a refused CCCD does not open the next chip read');
    assert.ok(!logLines.join('\n').includes('Nguy'), 'no scan text in the log');
    const testing = service.test({ scannerId: 'serial:desk', timeoutMs: 5_000 });
    service.fromHost(hostScan(CCCD));
    assert.equal((await testing).event.kind, 'cccd');
    signedOut = false;
    assert.equal(service.submit({ source: 'camera', raw: CCCD }).kind, 'cccd');
    assert.equal(scans.length, 1);
  });

  it('parses a submitted scan, broadcasts it and returns the same event', () => {
    const { service, scans } = setUp();
    const event = service.submit({ source: 'keyboard-wedge', raw: CCCD });
    assert.deepEqual(scans, [event]);
    assert.equal(event.id, 'scan-1');
    assert.deepEqual(event.source, { kind: 'keyboard-wedge', scannerId: 'keyboard-wedge' });
    assert.equal(event.receivedAt, '2026-03-02T03:00:00.000Z');
    assert.equal(event.kind, 'cccd');
  });

  it('turns a device-host scan into an event with its transport warnings, and drops a malformed one', () => {
    const { service, scans } = setUp();
    const event = service.fromHost(hostScan(CCCD, { warnings: ['malformed-encoding'], textMayBeGarbled: true }));
    assert.equal(event?.kind, 'cccd');
    assert.deepEqual(event?.source, { kind: 'serial', scannerId: 'serial:desk' });
    assert.equal(event?.needsConfirmation, true);
    assert.equal(service.fromHost({ text: CCCD }), undefined);
    assert.equal(scans.length, 1);
  });

  it('keeps scan text out of the log', () => {
    const { service, logLines } = setUp();
    service.submit({ source: 'camera', raw: CCCD });
    const log = logLines.join('\n');
    assert.match(log, /"kind":"cccd"/);
    assert.doesNotMatch(log, /001190012345|Nguy/);
  });

  it('remembers the last CCCD (with dates for BAC) for a few minutes only', () => {
    const { service, advance } = setUp();
    assert.equal(service.lastCccdId(), undefined);
    service.submit({ source: 'camera', raw: CCCD });
    assert.deepEqual(service.lastCccdKey(), { kind: 'cccd-id', id: '001190012345', dateOfBirth: '1990-01-01', dateOfIssue: '2021-08-15' });
    advance(LAST_CCCD_TTL_MS);
    assert.equal(service.lastCccdId(), '001190012345');
    advance(1);
    assert.equal(service.lastCccdId(), undefined);
  });

  it('answers a test scan with the next scan of that scanner and its bytes', async () => {
    const { service } = setUp();
    const testing = service.test({ scannerId: 'serial:desk', timeoutMs: 5_000 });
    service.submit({ source: 'camera', raw: 'not this one' });
    service.fromHost(hostScan('Trần'));
    const result = await testing;
    assert.equal(result.rawHex, '5472E1BAA76E');
    assert.equal(result.byteLength, 6);
    assert.equal(result.event.raw, 'Trần');
  });

  it('refuses a test scan of an unknown scanner and times out when nothing comes', async () => {
    const { service } = setUp();
    await assert.rejects(service.test({ scannerId: 'serial:nowhere', timeoutMs: 100 }), (error) => isAppError(error) && error.code === 'BAD_INPUT');
    await assert.rejects(service.test({ scannerId: 'camera', timeoutMs: 100 }), (error) => isAppError(error) && error.code === 'TIMEOUT');
  });

  it('ends waiting test scans when closed', async () => {
    const { service } = setUp();
    const testing = service.test({ scannerId: 'camera', timeoutMs: 5_000 });
    service.close();
    await assert.rejects(testing, (error) => isAppError(error));
  });
});
