/**
 * The settings of one serial scanner (USB-CDC or RS-232), as stored and as
 * entered in the settings panel. Defaults match what scanners ship with:
 * 9600 baud, 8 data bits, no parity, 1 stop bit (8N1), CR after each scan.
 */
import { z } from 'zod';
import { DEFAULT_MAX_FRAME_BYTES, TERMINATORS } from './framing.ts';
import { SCANNER_ENCODINGS } from './text-decoding.ts';

export const COMMON_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400] as const;

/** Used when the terminator is `none` and no gap is given; 9600 baud sends a byte about every 1 ms. */
export const DEFAULT_IDLE_GAP_MS = 100;

export const SerialScannerConfigSchema = z
  .object({
    /** `/dev/ttyACM0`, `/dev/ttyUSB0`, `COM3`… */
    path: z.string().trim().min(1),
    baudRate: z.literal(COMMON_BAUD_RATES).default(9600),
    dataBits: z.literal([7, 8]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.literal([1, 2]).default(1),
    terminator: z.enum(TERMINATORS).default('cr'),
    /** Silence that ends a scan: needed without a terminator, optional with one. */
    idleGapMs: z.number().int().min(10).max(5000).optional(),
    encoding: z.enum(SCANNER_ENCODINGS).default('utf-8'),
    maxFrameBytes: z.number().int().min(64).max(65536).default(DEFAULT_MAX_FRAME_BYTES),
  })
  .strict()
  .transform((config) =>
    config.terminator === 'none' && config.idleGapMs === undefined
      ? { ...config, idleGapMs: DEFAULT_IDLE_GAP_MS }
      : config,
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
