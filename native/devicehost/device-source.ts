import type { HostDevices } from './protocol.ts';

/** Something the device host watches and reports: PC/SC readers now, scanners later. */
export interface DeviceSource {
  start(onChange: () => void): void;
  snapshot(): HostDevices;
  stop(): Promise<void>;
}
