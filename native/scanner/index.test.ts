import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as scanner from './index.ts';

describe('native/scanner public API', () => {
  it('exports the drivers, decoders, schemas and layouts', () => {
    for (const name of [
      'ScanFramer',
      'SerialScanner',
      'SerialScannerConfigSchema',
      'HidPosDecoder',
      'HidKeyboardDecoder',
      'HidScanner',
      'HidScannerFilterSchema',
      'selectHidScanners',
      'US_LAYOUT',
      'GERMAN_LAYOUT',
    ]) {
      assert.ok(name in scanner, name);
    }
  });

  it('loads no native addon', async () => {
    const { createRequire } = await import('node:module');
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    assert.equal(loaded.some((path) => /node_modules\/(serialport|node-hid|@serialport)\//.test(path)), false);
  });
});
