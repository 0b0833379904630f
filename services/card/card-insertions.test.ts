import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostDevices } from '../../native/devicehost/protocol.ts';
import { cardInsertions } from './card-insertions.ts';

const devices = (...readers: HostDevices['readers']): HostDevices => ({ pcsc: { state: 'available' }, readers });

describe('card insertions', () => {
  it('reports a card that arrives on a reader, with its ATR', () => {
    const before = devices({ name: 'A', cardPresent: false });
    const after = devices({ name: 'A', cardPresent: true, atr: '3B80' });
    assert.deepEqual(cardInsertions(before, after), [{ reader: 'A', atr: '3B80' }]);
  });

  it('reports nothing while the same card stays, or when it leaves', () => {
    const present = devices({ name: 'A', cardPresent: true, atr: '3B80' });
    assert.deepEqual(cardInsertions(present, present), []);
    assert.deepEqual(cardInsertions(present, devices({ name: 'A', cardPresent: false })), []);
  });

  it('counts a reader plugged in with a card on it, and waits for the ATR', () => {
    assert.deepEqual(cardInsertions(devices(), devices({ name: 'B', cardPresent: true, atr: '3B00' })), [{ reader: 'B', atr: '3B00' }]);
    const answering = devices({ name: 'B', cardPresent: true });
    assert.deepEqual(cardInsertions(devices(), answering), []);
    assert.deepEqual(cardInsertions(answering, devices({ name: 'B', cardPresent: true, atr: '3B00' })), [{ reader: 'B', atr: '3B00' }]);
  });
});
