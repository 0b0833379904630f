/**
 * The device host of demo mode, run inside the services' process: the real
 * host message loop (native/devicehost/host.ts) over an in-memory channel,
 * with the demo reader and the demo scanner as its only sources. Nothing
 * native loads, so it starts on any computer; messages are copied as they
 * would be across a process boundary, and delivered asynchronously.
 */
import { readChip } from '../../native/devicehost/chip-read.ts';
import { runDeviceHost } from '../../native/devicehost/host.ts';
import type { ParentPort } from '../../native/devicehost/parent-port.ts';
import type { HostLauncher, HostMessage, ParentMessage } from '../../native/devicehost/protocol.ts';
import type { DemoReader } from '../../native/sim/demo/demo-reader.ts';
import type { DemoScanner } from '../../native/sim/demo/demo-scanner.ts';

export function createDemoHostLauncher(sources: { reader: DemoReader; scanner: DemoScanner }): HostLauncher {
  return () => {
    const toParent = new Set<(message: unknown) => void>();
    const toHost = new Set<(message: unknown) => void>();
    const exitListeners = new Set<(code: number | null, signal: string | null) => void>();
    let exited = false;
    const deliver = (listeners: Set<(message: unknown) => void>, message: unknown) => {
      const copy = structuredClone(message);
      setImmediate(() => {
        if (exited) return;
        for (const listener of listeners) listener(copy);
      });
    };
    const exit = (code: number | null, signal: string | null) => {
      if (exited) return;
      exited = true;
      setImmediate(() => {
        for (const listener of exitListeners) listener(code, signal);
      });
    };

    const port: ParentPort = {
      post: (message: HostMessage) => deliver(toParent, message),
      onMessage: (listener) => toHost.add(listener),
    };
    runDeviceHost({ port, sources: { pcsc: sources.reader, scanners: sources.scanner }, readChip, exit: (code) => exit(code, null) });

    return {
      pid: process.pid,
      send: (message: ParentMessage) => deliver(toHost, message),
      onMessage: (listener) => toParent.add(listener),
      onExit: (listener) => exitListeners.add(listener),
      kill: () => {
        void Promise.all([sources.reader.stop(), sources.scanner.stop()]).finally(() => exit(null, 'SIGKILL'));
      },
    };
  };
}
