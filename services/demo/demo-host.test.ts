import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCardPki } from '../../native/sim/cccd-pki.ts';
import { createDemoReader, DEMO_READER_NAME } from '../../native/sim/demo/demo-reader.ts';
import { DEMO_CARDS } from '../../native/sim/demo/demo-samples.ts';
import { createDemoScanner } from '../../native/sim/demo/demo-scanner.ts';
import { HostCardReadSchema, HostDevicesSchema, type HostScan } from '../../native/devicehost/protocol.ts';
import { DeviceHostSupervisor } from '../device-host/supervisor.ts';
import { silentLogger } from '../log.ts';
import { createDemoHostLauncher } from './demo-host.ts';
import { createDemoMenu } from './demo-menu.ts';

const sample = DEMO_CARDS[1]!;

function demoHost() {
  const reader = createDemoReader();
  const scanner = createDemoScanner();
  const supervisor = new DeviceHostSupervisor({ launch: createDemoHostLauncher({ reader, scanner }), log: silentLogger });
  const menu = createDemoMenu({ switchAtStart: true, dataDir: '/nowhere/demo', reader, scanner, pki: createCardPki() });
  return { reader, scanner, supervisor, menu };
}

describe('demo device host', () => {
  it('runs the host protocol in-process: devices, a card read, scans, and a clean shutdown', async () => {
    const { supervisor, menu } = demoHost();
    const devices: unknown[] = [];
    const scans: HostScan[] = [];
    supervisor.on('devices', (snapshot) => devices.push(snapshot));
    supervisor.on('hostEvent', (name, payload) => name === 'scan' && scans.push(payload as HostScan));
    supervisor.start();
    try {
      const snapshot = HostDevicesSchema.parse(await supervisor.call('devices.snapshot'));
      assert.deepEqual(snapshot.readers, [{ name: DEMO_READER_NAME, cardPresent: false }]);
      assert.deepEqual(await supervisor.call('scanners.configure', { serial: [], hid: [] }).then((s) => HostDevicesSchema.parse(s).scanners.length), 1);

      await menu.insertCard(sample.id);
      const read = HostCardReadSchema.parse(await supervisor.call('card.read', { key: { kind: 'cccd-id', id: sample.profile.idNumber }, photo: false }));
      assert.equal(read.reader, DEMO_READER_NAME);
      assert.ok(read.files.DG13);
      assert.ok(devices.length >= 2, 'the insertion was announced as a devices change');

      menu.scan('unknown-code');
      await new Promise<void>((resolve) => supervisor.on('hostEvent', (name) => name === 'scan' && resolve()));
      assert.equal(scans.at(-1)?.text, 'https://example.invalid/khong-phai-ma-benh-vien');
    } finally {
      await supervisor.stop(1_000);
    }
    assert.equal(supervisor.state, 'stopped');
    assert.equal(supervisor.restarts, 0, 'the shutdown was an exit, not a crash');
  });
});

describe('demo menu', () => {
  it('makes each sample card once, tracks the card on the reader, and refuses unknown samples', async () => {
    const { reader, menu } = demoHost();
    reader.start(() => {});
    const first = await menu.insertCard(sample.id);
    assert.equal(first.cardOnReader, sample.id);
    const card = reader.card;
    await menu.insertCard(DEMO_CARDS[0]!.id);
    await menu.insertCard(sample.id);
    assert.equal(reader.card, card, 'the same virtual card comes back');
    assert.equal(menu.removeCard().cardOnReader, null);
    await assert.rejects(menu.insertCard('no-such-card'), { code: 'BAD_INPUT' });
    assert.throws(() => menu.scan('no-such-code'), { code: 'BAD_INPUT' });
    assert.equal(menu.status().cardOnReader, null);
  });

  it('says the scanner is not running rather than dropping a scan', () => {
    const { menu } = demoHost();
    assert.throws(() => menu.scan('unknown-code'), { code: 'DEVICES_RESTARTING' });
  });
});
