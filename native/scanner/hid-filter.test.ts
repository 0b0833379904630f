import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  HidScannerFilterSchema,
  hidScannerMode,
  matchesHidFilter,
  selectHidScanners,
  type HidDeviceInfo,
} from './hid-filter.ts';

const device = (overrides: Partial<HidDeviceInfo>): HidDeviceInfo => ({
  vendorId: 0x1234,
  productId: 0x5678,
  path: '/dev/hidraw0',
  interface: 0,
  ...overrides,
});

const filter = (input: Parameters<typeof HidScannerFilterSchema.parse>[0]) => HidScannerFilterSchema.parse(input);

describe('HidScannerFilterSchema', () => {
  it('accepts USB IDs as numbers or hex strings', () => {
    assert.deepEqual(filter({ vendorId: '0x1234', productId: '5678' }), { vendorId: 0x1234, productId: 0x5678 });
    assert.deepEqual(filter({ vendorId: 4660 }), { vendorId: 0x1234 });
  });

  it('rejects IDs out of range, non-hex text and unknown keys', () => {
    for (const bad of [{ vendorId: 0x10000 }, { vendorId: 'scanner' }, { vendorId: 1, model: 'x' }, { vendorId: 1, mode: 'serial' }]) {
      assert.equal(HidScannerFilterSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('hidScannerMode', () => {
  it('tells HID-POS from keyboard mode by the top-level usage', () => {
    assert.equal(hidScannerMode(device({ usagePage: 0x8c, usage: 0x02 })), 'hid-pos');
    assert.equal(hidScannerMode(device({ usagePage: 0x01, usage: 0x06 })), 'hid-keyboard');
    assert.equal(hidScannerMode(device({ usagePage: 0x01, usage: 0x02 })), undefined);
    assert.equal(hidScannerMode(device({})), undefined);
  });
});

describe('matchesHidFilter', () => {
  it('matches on vendor, then on whatever else the filter names', () => {
    const scanner = device({ usagePage: 0x8c, serialNumber: 'SN-0001', interface: 1 });
    assert.equal(matchesHidFilter(scanner, filter({ vendorId: 0x1234 })), true);
    assert.equal(matchesHidFilter(scanner, filter({ vendorId: 0x1234, productId: 0x5678, interface: 1, serialNumber: 'SN-0001' })), true);
    assert.equal(matchesHidFilter(scanner, filter({ vendorId: 0x4321 })), false);
    assert.equal(matchesHidFilter(scanner, filter({ vendorId: 0x1234, productId: 0x0001 })), false);
    assert.equal(matchesHidFilter(scanner, filter({ vendorId: 0x1234, interface: 0 })), false);
    assert.equal(matchesHidFilter(scanner, filter({ vendorId: 0x1234, serialNumber: 'SN-0002' })), false);
  });

  it('checks the mode only against a usage the platform reported', () => {
    assert.equal(matchesHidFilter(device({ usagePage: 0x8c }), filter({ vendorId: 0x1234, mode: 'hid-keyboard' })), false);
    assert.equal(matchesHidFilter(device({}), filter({ vendorId: 0x1234, mode: 'hid-keyboard' })), true);
  });
});

describe('selectHidScanners', () => {
  it('picks the scanner interfaces of a composite device and skips the rest', () => {
    const devices = [
      device({ path: '/dev/hidraw0', usagePage: 0x01, usage: 0x06, interface: 0 }),
      device({ path: '/dev/hidraw1', usagePage: 0x8c, usage: 0x02, interface: 1 }),
      device({ path: '/dev/hidraw2', usagePage: 0xff00, usage: 0x01, interface: 2 }),
      device({ path: '/dev/hidraw3', vendorId: 0x9999, usagePage: 0x01, usage: 0x06 }),
    ];
    const selected = selectHidScanners(devices, [filter({ vendorId: 0x1234 })]);
    assert.deepEqual(selected.map((s) => [s.device.path, s.mode]), [['/dev/hidraw0', 'hid-keyboard'], ['/dev/hidraw1', 'hid-pos']]);
  });

  it('uses the mode from the filter where the platform reports no usage', () => {
    const selected = selectHidScanners([device({})], [filter({ vendorId: 0x1234, mode: 'hid-pos' })]);
    assert.deepEqual(selected.map((s) => s.mode), ['hid-pos']);
  });

  it('lists a path once even when it is listed per collection', () => {
    const devices = [device({ usagePage: 0x8c, usage: 0x02 }), device({ usagePage: 0x8c, usage: 0x12 })];
    assert.equal(selectHidScanners(devices, [filter({ vendorId: 0x1234 })]).length, 1);
  });

  it('selects nothing from an empty device list, as on a machine without USB', () => {
    assert.deepEqual(selectHidScanners([], [filter({ vendorId: 0x1234 })]), []);
  });
});
