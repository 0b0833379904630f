/**
 * The packaging configuration (electron-builder.yml) as the security design
 * needs it: fuses, native modules outside the asar, installers, updates.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// js-yaml comes with xmlbuilder2 (a production dependency) and ships no types; electron-builder reads the file with it too.
const YAML_PACKAGE: string = 'js-yaml';
const { load } = (await import(YAML_PACKAGE)) as { load(text: string): unknown };
const ROOT = join(import.meta.dirname, '..', '..');
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  win: { target: Array<{ target: string }> };
  nsis: Record<string, unknown>;
  linux: { target: Array<{ target: string }> };
  publish: { provider: string; url: string };
};
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('flips the fuses: no RunAsNode, no NODE_OPTIONS, no inspect arguments, encrypted cookies, app only from the asar, asar integrity', () => {
    const fuses = config.electronFuses;
    assert.equal(fuses.runAsNode, false);
    assert.equal(fuses.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(fuses.enableNodeCliInspectArguments, false);
    assert.equal(fuses.enableCookieEncryption, true);
    assert.equal(fuses.onlyLoadAppFromAsar, true);
    assert.equal(fuses.enableEmbeddedAsarIntegrityValidation, true);
    assert.equal(fuses.grantFileProtocolExtraPrivileges, false);
    // OnlyLoadAppFromAsar and integrity validation mean nothing without an asar.
    assert.equal(config.asar, true);
  });

  it('unpacks every native module from the asar, and rebuilds none (all N-API)', () => {
    for (const addon of ['better-sqlite3-multiple-ciphers', 'smartcard', 'serialport', 'node-hid']) {
      assert.ok(addon in packageJson.dependencies, `${addon} is a production dependency`);
      assert.ok(config.asarUnpack.some((pattern) => pattern.startsWith(`node_modules/${addon}/`)), `${addon} is unpacked`);
    }
    assert.ok(config.asarUnpack.includes('**/*.node'));
    assert.ok(config.asarUnpack.includes('node_modules/@serialport/**'), "serialport's binding lives in @serialport/bindings-cpp");
    assert.equal(config.npmRebuild, false);
  });

  it('builds a per-machine NSIS installer for Windows, and deb and AppImage for Linux', () => {
    assert.deepEqual(config.win.target.map((t) => t.target), ['nsis']);
    assert.equal(config.nsis.perMachine, true);
    assert.equal(config.nsis.oneClick, false);
    assert.equal(config.nsis.deleteAppDataOnUninstall, false);
    assert.deepEqual(config.linux.target.map((t) => t.target).sort(), ['AppImage', 'deb']);
  });

  it('names an update feed (a placeholder) and is run by npm run dist', () => {
    assert.equal(config.publish.provider, 'generic');
    assert.match(config.publish.url, /^https:\/\//);
    assert.equal(packageJson.scripts.dist, 'node scripts/dist.ts');
  });
});
