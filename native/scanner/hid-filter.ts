/**
 * Picks the scanners out of the HID devices the system lists (node-hid's
 * `devices()`), by USB vendor and product ID and, where the platform reports
 * it, the HID usage that tells HID-POS from keyboard mode.
 */
import { z } from 'zod';

export const HID_POS_USAGE_PAGE = 0x8c;
const GENERIC_DESKTOP_PAGE = 0x01;
const KEYBOARD_USAGE = 0x06;

/** The fields of node-hid's Device this module reads. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  interface: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
  product?: string | undefined;
  serialNumber?: string | undefined;
}

export type HidScannerMode = 'hid-pos' | 'hid-keyboard';

/** A USB ID as a number or as hex (`0c2e`, `0x0C2E`). */
const UsbIdSchema = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-f]{1,4}$/i)
    .transform((hex) => parseInt(hex.replace(/^0x/i, ''), 16)),
]);

export const HidScannerFilterSchema = z
  .object({
    vendorId: UsbIdSchema,
    productId: UsbIdSchema.optional(),
    /** For platforms that do not report the usage page, or to pick one interface of a composite device. */
    mode: z.enum(['hid-pos', 'hid-keyboard']).optional(),
    interface: z.number().int().min(0).optional(),
    serialNumber: z.string().min(1).optional(),
  })
  .strict();

export type HidScannerFilterInput = z.input<typeof HidScannerFilterSchema>;
export type HidScannerFilter = z.output<typeof HidScannerFilterSchema>;

/** What the device's top-level usage says it is, if the platform reports it. */
export function hidScannerMode(device: HidDeviceInfo): HidScannerMode | undefined {
  if (device.usagePage === HID_POS_USAGE_PAGE) return 'hid-pos';
  if (device.usagePage === GENERIC_DESKTOP_PAGE && device.usage === KEYBOARD_USAGE) return 'hid-keyboard';
  return undefined;
}

export function matchesHidFilter(device: HidDeviceInfo, filter: HidScannerFilter): boolean {
  if (device.vendorId !== filter.vendorId) return false;
  if (filter.productId !== undefined && device.productId !== filter.productId) return false;
  if (filter.interface !== undefined && device.interface !== filter.interface) return false;
  if (filter.serialNumber !== undefined && device.serialNumber !== filter.serialNumber) return false;
  if (filter.mode !== undefined) {
    const reported = hidScannerMode(device);
    if (reported !== undefined && reported !== filter.mode) return false;
  }
  return true;
}

export interface SelectedHidScanner {
  device: HidDeviceInfo;
  mode: HidScannerMode;
}

/**
 * The devices that match a filter and can be read as a scanner, one entry per
 * path (hidapi lists a device once per top-level collection). A device whose
 * mode is neither reported nor set in its filter (a mouse interface, a
 * vendor-specific one) is left out.
 */
export function selectHidScanners(devices: readonly HidDeviceInfo[], filters: readonly HidScannerFilter[]): SelectedHidScanner[] {
  const selected = new Map<string, SelectedHidScanner>();
  for (const device of devices) {
    if (device.path === undefined || selected.has(device.path)) continue;
    const filter = filters.find((candidate) => matchesHidFilter(device, candidate));
    if (filter === undefined) continue;
    const mode = hidScannerMode(device) ?? filter.mode;
    if (mode !== undefined) selected.set(device.path, { device, mode });
  }
  return [...selected.values()];
}
