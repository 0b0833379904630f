import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_IDLE_GAP_MS, SerialScannerConfigSchema, toSerialOpenOptions } from './serial-config.ts';

describe('SerialScannerConfigSchema', () => {
  it('fills in 9600 8N1, CR, UTF-8 from a path alone', () => {
    assert.deepEqual(SerialScannerConfigSchema.parse({ path: '/dev/ttyACM0' }), {
      path: '/dev/ttyACM0',
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      terminator: 'cr',
      encoding: 'utf-8',
      maxFrameBytes: 8192,
    });
  });

  it('accepts the other common settings', () => {
    const config = SerialScannerConfigSchema.parse({
      path: 'COM3',
      baudRate: 115200,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
      terminator: 'crlf',
      idleGapMs: 80,
      encoding: 'windows-1258',
    });
    assert.equal(config.baudRate, 115200);
    assert.equal(config.parity, 'even');
    assert.equal(config.idleGapMs, 80);
  });

  it('gives a scanner without a terminator a default idle gap', () => {
    assert.equal(SerialScannerConfigSchema.parse({ path: 'COM3', terminator: 'none' }).idleGapMs, DEFAULT_IDLE_GAP_MS);
  });

  it('rejects unusual rates, bit counts, parities, encodings and unknown keys', () => {
    for (const bad of [
      { path: 'COM3', baudRate: 9601 },
      { path: 'COM3', dataBits: 6 },
      { path: 'COM3', parity: 'mark' },
      { path: 'COM3', stopBits: 1.5 },
      { path: 'COM3', encoding: 'shift_jis' },
      { path: 'COM3', idleGapMs: 0 },
      { path: '  ' },
      { path: 'COM3', flowControl: true },
    ]) {
      assert.equal(SerialScannerConfigSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it('maps to serialport open options that leave opening to the driver', () => {
    const config = SerialScannerConfigSchema.parse({ path: '/dev/ttyUSB0', baudRate: 19200, parity: 'odd' });
    assert.deepEqual(toSerialOpenOptions(config), {
      path: '/dev/ttyUSB0',
      baudRate: 19200,
      dataBits: 8,
      parity: 'odd',
      stopBits: 1,
      autoOpen: false,
    });
  });
});
