import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { chooseStartMode, DEMO_SWITCH_FILE, readDemoSwitch, writeDemoSwitch } from './demo-switch.ts';

describe('demo switch and start mode', () => {
  it('falls back to demo only in a data folder with nothing in it', () => {
    using dir = makeTempDir();
    assert.deepEqual(chooseStartMode(dir.path, undefined), { demo: true, reason: 'nothing-configured' });
    writeFileSync(join(dir.path, 'tiepdon.db'), '');
    assert.deepEqual(chooseStartMode(dir.path, undefined), { demo: false });
  });

  it('follows the switch over the fallback, and the flag over both', () => {
    using dir = makeTempDir();
    writeDemoSwitch(dir.path, { enabled: false });
    assert.deepEqual(chooseStartMode(dir.path, undefined), { demo: false }, 'switched off: a fresh folder opens normally, so IT can configure it');
    assert.deepEqual(chooseStartMode(dir.path, true), { demo: true, reason: 'flag' });
    writeFileSync(join(dir.path, 'tiepdon.db'), '');
    writeDemoSwitch(dir.path, { enabled: true });
    assert.deepEqual(chooseStartMode(dir.path, undefined), { demo: true, reason: 'switch' });
    assert.deepEqual(chooseStartMode(dir.path, false), { demo: false });
  });

  it('treats an unreadable switch file as never set', () => {
    using dir = makeTempDir();
    writeFileSync(join(dir.path, DEMO_SWITCH_FILE), '{"enabled": "yes"');
    assert.equal(readDemoSwitch(dir.path), undefined);
    writeFileSync(join(dir.path, DEMO_SWITCH_FILE), '{"enabled": "yes"}');
    assert.equal(readDemoSwitch(dir.path), undefined);
    assert.deepEqual(chooseStartMode(dir.path, undefined), { demo: true, reason: 'nothing-configured' });
  });

  it('keeps the switch in the real data folder, written whole', () => {
    using dir = makeTempDir();
    const nested = join(dir.path, 'not-yet-created');
    assert.deepEqual(writeDemoSwitch(nested, { enabled: true }), { enabled: true });
    assert.deepEqual(readDemoSwitch(nested), { enabled: true });
    assert.throws(() => writeDemoSwitch(nested, { enabled: 'on' } as never));
    assert.deepEqual(readDemoSwitch(nested), { enabled: true });
  });
});
