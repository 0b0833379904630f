/** What the monitor reports: the same shape as the device host's `HostDevices`. */

export type PcscServiceState = 'available' | 'unavailable' | 'unknown';

export interface ReaderSnapshot {
  name: string;
  cardPresent: boolean;
  /** Upper-case hex, only while a card is present and has answered. */
  atr?: string;
}

export interface PcscSnapshot {
  pcsc: { state: PcscServiceState; message?: string };
  readers: ReaderSnapshot[];
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function sameSnapshot(a: PcscSnapshot, b: PcscSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
