import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findElectronBinary } from '../cli/electron-binary.ts';
import { REPO_ROOT } from '../cli/paths.ts';
import { distBlocker } from './dist.ts';

describe('npm run dist', () => {
  it('names the missing Electron binary first, then a missing electron-builder, in one line', () => {
    const noElectron = distBlocker({ electronBinary: undefined, builderInstalled: true });
    assert.match(noElectron ?? '', /Electron binary/);
    assert.doesNotMatch(noElectron ?? '', /\n/);
    assert.match(distBlocker({ electronBinary: '/opt/electron', builderInstalled: false }) ?? '', /electron-builder/);
    assert.equal(distBlocker({ electronBinary: '/opt/electron', builderInstalled: true }), undefined);
  });

  it('fails here with its one-line reason before building anything', { skip: findElectronBinary() ? 'an Electron binary is installed here' : false }, () => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'dist.ts')], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /needs the Electron binary/);
  });
});
