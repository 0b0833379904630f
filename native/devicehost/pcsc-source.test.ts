import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { waitForEvent } from '../../test/rig/events.ts';
import { FakePcsc } from '../pcsc/fake-pcsc.ts';
import { createPcscSource } from './pcsc-source.ts';
import { HostDevicesSchema } from './protocol.ts';

describe('PC/SC device source', () => {
  it('signals every change and serves snapshots in the host protocol shape', async (t) => {
    const fake = new FakePcsc();
    fake.attachReader('Reader A');
    const source = createPcscSource({ binding: fake.binding });
    t.after(() => source.stop());
    const changes = new EventEmitter();
    source.start(() => changes.emit('change'));
    const isAvailable = () => source.snapshot().pcsc.state === 'available';
    if (!isAvailable()) await waitForEvent(changes, 'change', isAvailable);

    const changed = waitForEvent(changes, 'change', () => true);
    fake.insertCard('Reader A', Uint8Array.of(0x3b, 0x00));
    await changed;
    const snapshot = HostDevicesSchema.parse(source.snapshot());
    assert.deepEqual(snapshot.readers, [{ name: 'Reader A', cardPresent: true, atr: '3B00' }]);

    const session = await source.connect('Reader A');
    assert.deepEqual(await session.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x00)), Uint8Array.of(0x90, 0x00));
    session.close();
    await source.stop();
    assert.equal(fake.openContexts, 0);
  });
});
