import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostScanSchema, type HostScan } from '../../devicehost/protocol.ts';
import { createDemoScanner, DEMO_SCANNER_ID } from './demo-scanner.ts';

describe('demo scanner', () => {
  it('scans text as a framed serial scan in the host protocol, Vietnamese intact', () => {
    const scanner = createDemoScanner({ now: () => 1_700_000_000_000 });
    const scans: HostScan[] = [];
    assert.equal(scanner.scan('early'), false, 'nothing is scanned before the host starts the source');
    scanner.start({ onChange: () => {}, onScan: (scan) => scans.push(scan) });
    assert.equal(scanner.scan('079092007788||Lê Văn Minh'), true);
    const [scan] = scans;
    assert.ok(scan);
    assert.deepEqual(HostScanSchema.parse(scan), scan);
    assert.equal(scan.scannerId, DEMO_SCANNER_ID);
    assert.equal(scan.text, '079092007788||Lê Văn Minh');
    assert.equal(Buffer.from(scan.bytesHex, 'hex').toString('utf8'), scan.text);
    assert.equal(scan.byteLength, Buffer.byteLength(scan.text));
    assert.equal(scan.receivedAt, 1_700_000_000_000);
  });

  it('lists itself as a connected scanner while running, and stops scanning when stopped', async () => {
    const scanner = createDemoScanner();
    scanner.start({ onChange: () => {}, onScan: () => {} });
    assert.deepEqual(scanner.snapshot().scanners, [{ id: DEMO_SCANNER_ID, kind: 'serial', state: 'connected' }]);
    await scanner.configure({ serial: [{ id: 'x' } as never], hid: [] });
    assert.equal(scanner.snapshot().scanners.length, 1, 'configured scanners are not opened in demo mode');
    await scanner.stop();
    assert.equal(scanner.scan('after'), false);
    assert.equal(scanner.snapshot().scanners[0]?.state, 'disconnected');
  });
});
