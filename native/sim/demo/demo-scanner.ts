/**
 * The demo scanner: a scanner source with one always-connected virtual
 * scanner that "scans" whatever text the demo menu hands it, as a serial
 * scanner's framed scan, so it enters the services by the host's `scan` event
 * like any real scan. It opens no ports and has nothing to configure.
 */
import type { HostScan } from '../../devicehost/protocol.ts';
import type { ScannerDevices, ScannerSource, ScannerSourceHandlers } from '../../devicehost/scanner-source.ts';

export const DEMO_SCANNER_ID = 'demo-scanner';

export interface DemoScanner extends ScannerSource {
  /** One scan of `text`, now; false when the source is not started. */
  scan(text: string): boolean;
}

export function createDemoScanner(options: { now?: () => number } = {}): DemoScanner {
  const now = options.now ?? Date.now;
  let handlers: ScannerSourceHandlers | undefined;
  const devices = (): ScannerDevices => ({
    serialPorts: [],
    hidDevices: [],
    scanners: [{ id: DEMO_SCANNER_ID, kind: 'serial', state: handlers ? 'connected' : 'disconnected' }],
  });

  return {
    start(next) {
      handlers = next;
      next.onChange();
    },
    // The demo runs only its own scanner: configured serial and HID scanners are not opened.
    async configure() {},
    async refresh() {},
    snapshot: devices,
    async stop() {
      handlers = undefined;
    },
    scan(text) {
      if (!handlers) return false;
      const bytes = Buffer.from(text, 'utf8');
      const scan: HostScan = {
        scannerId: DEMO_SCANNER_ID,
        transport: 'serial',
        text,
        bytesHex: bytes.toString('hex').toUpperCase(),
        byteLength: bytes.length,
        receivedAt: now(),
        warnings: [],
        textMayBeGarbled: false,
      };
      handlers.onScan(scan);
      return true;
    },
  };
}
