/**
 * The settings of one serial scanner (USB-CDC or RS-232), as stored and as
 * entered in the settings panel. Defaults match what scanners ship with:
 * 9600 baud, 8 data bits, no parity, 1 stop bit (8N1), CR after each scan.
 */
import type { z } from 'zod';
import { DEFAULT_IDLE_GAP_MS, SerialPortSettingsSchema } from '../../domain/scan.ts';

// The schema is the contract's (domain/scan.ts), so the settings panel and the driver agree.
export { COMMON_BAUD_RATES, DEFAULT_IDLE_GAP_MS } from '../../domain/scan.ts';

export const SerialScannerConfigSchema = SerialPortSettingsSchema.transform((config) =>
  config.terminator === 'none' && config.idleGapMs === undefined ? { ...config, idleGapMs: DEFAULT_IDLE_GAP_MS } : config,
);

export type SerialScannerConfigInput = z.input<typeof SerialScannerConfigSchema>;
export type SerialScannerConfig = z.output<typeof SerialScannerConfigSchema>;

/** The subset of serialport's open options a scanner needs; `autoOpen: false` so the driver opens it. */
export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  autoOpen: false;
}

export function toSerialOpenOptions(config: SerialScannerConfig): SerialOpenOptions {
  return {
    path: config.path,
    baudRate: config.baudRate,
    dataBits: config.dataBits,
    parity: config.parity,
    stopBits: config.stopBits,
    autoOpen: false,
  };
}
