/**
 * Holds the first quit until the services have closed (device host stopped,
 * database closed), then quits for real. A close that hangs does not keep the
 * app open: after the deadline it quits anyway.
 */
import type { Logger } from '../../services/log.ts';

export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export function closeServicesBeforeQuit(app: QuittableApp, close: () => Promise<void>, log: Logger, deadlineMs = 8_000): void {
  let phase: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.error('services did not close in time; quitting anyway', { deadlineMs });
        resolve();
      }, deadlineMs);
    });
    const closing = close().catch((error: unknown) => {
      log.error('closing the services failed', { error: error instanceof Error ? error.message : String(error) });
    });
    void Promise.race([closing, deadline]).then(() => {
      clearTimeout(timer);
      phase = 'closed';
      app.quit();
    });
  });
}
