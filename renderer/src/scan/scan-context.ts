import { createContext, use } from 'react';
import type { ApiError } from '../../../domain/errors.ts';
import type { RendererScanSource, ScanEvent, ScannerSettings, ScanTransportWarning } from '../../../domain/scan.ts';

/**
 * What a CCCD scan hands to the card panel: the ID number (so the next tap reads
 * the chip without typing) and the dates the chip's BAC fallback can use.
 */
export interface ArmedCardKey {
  readonly id: string;
  readonly dateOfBirth?: string;
  readonly dateOfIssue?: string;
  /** The scan it came from: a second scan of the same card arms again. */
  readonly scanId: string;
}

export interface ScanState {
  /** The newest scan from any source, as the services parsed it. */
  readonly lastScan: ScanEvent | undefined;
  /** The clerk has checked a scan that asked for confirmation. */
  readonly confirmed: boolean;
  /** Why the last submitted scan did not reach the services. */
  readonly submitError: ApiError | undefined;
  /** Scanner settings in force (defaults until the services answer). */
  readonly settings: ScannerSettings;
}

export interface ScanActions {
  submit(source: RendererScanSource, raw: string, warnings?: readonly ScanTransportWarning[]): Promise<ScanEvent | undefined>;
  confirm(): void;
  dismiss(): void;
  /** The services' new settings (after a save). */
  settingsChanged(settings: ScannerSettings): void;
}

export const ScanStateContext = createContext<(ScanState & ScanActions) | null>(null);
export const ArmedKeyContext = createContext<ArmedCardKey | undefined>(undefined);

export function useScans(): ScanState & ScanActions {
  const scans = use(ScanStateContext);
  if (!scans) throw new Error('useScans() needs a <ScanProvider> above it');
  return scans;
}

/** The card key armed by the newest CCCD scan; undefined when none (or outside a ScanProvider). */
export function useArmedCardKey(): ArmedCardKey | undefined {
  return use(ArmedKeyContext);
}
