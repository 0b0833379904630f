import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostLauncher } from '../../native/devicehost/protocol.ts';

const HOST_ENTRY = fileURLToPath(new URL('../../native/devicehost/main.ts', import.meta.url));

/** Starts the device host as a plain Node child process (browser mode, CLI, tests). */
export function createForkLauncher(entry: string = HOST_ENTRY): HostLauncher {
  return () => {
    const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
