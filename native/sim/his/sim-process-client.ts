/** Starts the FHIR simulator as a child process and asks it for counts over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { SimProcessMessage, SimProcessRequest } from './fhir-sim-process.ts';

export interface SimProcess {
  url: string;
  child: ChildProcess;
  /** Resources of a type with an identifier of `system`, and how many distinct values: equal means no duplicate. */
  count(resourceType: string, system: string): Promise<{ resources: number; distinct: number }>;
  /** CPU milliseconds the server process has used. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./fhir-sim-process.ts', import.meta.url));

export async function startSimProcess(): Promise<SimProcess> {
  const child = fork(SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [SimProcessMessage];
  if (ready.type !== 'ready') throw new Error('the FHIR simulator did not start');
  let next = 0;
  return {
    url: ready.url,
    child,
    count(resourceType, system) {
      const id = ++next;
      return new Promise((resolve) => {
        const onMessage = (message: SimProcessMessage) => {
          if (message.type !== 'count' || message.id !== id) return;
          child.off('message', onMessage);
          resolve({ resources: message.resources, distinct: message.distinct });
        };
        child.on('message', onMessage);
        child.send({ type: 'count', id, resourceType, system } satisfies SimProcessRequest);
      });
    },
    cpuMs() {
      const id = ++next;
      return new Promise((resolve) => {
        const onMessage = (message: SimProcessMessage) => {
          if (message.type !== 'cpu' || message.id !== id) return;
          child.off('message', onMessage);
          resolve(message.cpuMs);
        };
        child.on('message', onMessage);
        child.send({ type: 'cpu', id } satisfies SimProcessRequest);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
