/**
 * The child's end of the channel to the services: Electron's `process.parentPort`
 * inside a utilityProcess, Node's IPC channel inside a forked child.
 */
import type { HostMessage } from './protocol.ts';

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface ParentPort {
  post(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

export function connectToParent(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
    };
  }
  if (typeof process.send === 'function') {
    return {
      post: (message) => {
        if (process.connected) process.send?.(message);
      },
      onMessage: (listener) => {
        process.on('message', listener);
        // An orphaned host would keep the readers open: leave with the parent.
        process.on('disconnect', () => process.exit(0));
      },
    };
  }
  throw new Error('The device host must be started by the services (no parent channel)');
}
