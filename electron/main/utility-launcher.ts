/**
 * Starts the device host as an Electron utilityProcess and adapts it to the
 * HostProcess interface the supervisor uses (the same one child_process.fork gives).
 */
import type { HostLauncher, HostProcess, ParentMessage } from '../../native/devicehost/protocol.ts';
import type { Logger } from '../../services/log.ts';

/** The slice of Electron's UtilityProcess the adapter uses. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string) => void): unknown;
}

export interface UtilityForkOptions {
  serviceName: string;
  stdio: 'inherit';
}

export type UtilityFork = (modulePath: string, args: string[], options: UtilityForkOptions) => UtilityProcessLike;

export function createUtilityProcessLauncher(fork: UtilityFork, entry: string, log: Logger): HostLauncher {
  return (): HostProcess => {
    const child = fork(entry, [], { serviceName: 'TiepDon device host', stdio: 'inherit' });
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    child.on('error', (type, location) => log.error('device host fatal error', { type, location }));
    return {
      get pid() {
        return child.pid;
      },
      send(message: ParentMessage) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      // A utility process reports only its exit code; a signal death shows as a non-zero code.
      onExit(listener) {
        child.on('exit', (code) => listener(code, null));
      },
      kill() {
        if (!exited) child.kill();
      },
    };
  };
}
