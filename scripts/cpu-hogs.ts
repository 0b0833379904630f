/**
 * Busy loops that keep the cores taken while the suite runs, to prove it does
 * not depend on the machine's speed. At a higher priority than the tests (nice
 * -5, which needs root) they make the machine behave several times slower;
 * at normal priority the scheduler shares fairly and little shows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';

export interface CpuHogs {
  /** What runs, in one line, for the log. */
  readonly description: string;
  stop(): void;
}

const HOG_PRIORITY = -5;

export function startCpuHogs(count: number): CpuHogs {
  const children: ChildProcess[] = [];
  let raised = true;
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' });
    children.push(child);
    try {
      setPriority(child.pid ?? 0, HOG_PRIORITY);
    } catch {
      raised = false;
    }
  }
  const stop = (): void => {
    for (const child of children) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  const priority = raised ? `nice ${HOG_PRIORITY}` : 'normal priority (raising it needs root)';
  return { description: `${count} CPU hog${count === 1 ? '' : 's'} at ${priority}`, stop };
}

/** `--hogs N` among the arguments, or TIEPDON_TEST_HOGS=N; 0 when neither asks. */
export function requestedHogs(args: string[], env: NodeJS.ProcessEnv): { count: number; rest: string[] } {
  const at = args.indexOf('--hogs');
  if (at >= 0) {
    const count = Number(args[at + 1]);
    if (!Number.isInteger(count) || count < 0) throw new Error('--hogs takes a whole number of busy loops, e.g. --hogs 2');
    return { count, rest: args.filter((_, i) => i !== at && i !== at + 1) };
  }
  const fromEnv = Number(env['TIEPDON_TEST_HOGS'] ?? 0);
  return { count: Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 0, rest: args };
}
