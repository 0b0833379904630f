import type { DeviceHostSupervisor } from './supervisor.ts';

/** Resolves once the host has left its first start (running or failed), or after `timeoutMs`. */
export function waitForHostStart(host: DeviceHostSupervisor, timeoutMs: number): Promise<void> {
  if (host.state !== 'starting') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    host.on('state', done);
    function done() {
      clearTimeout(timer);
      host.off('state', done);
      resolve();
    }
  });
}
