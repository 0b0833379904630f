/** A scheduler for tests: tasks run only when the test says, in the order they were scheduled. */
import type { Scheduler } from './status-poller.ts';

interface Pending {
  task: () => Promise<void>;
  delayMs: number;
  cancelled: boolean;
}

export class ManualScheduler implements Scheduler {
  readonly #pending: Pending[] = [];
  /** Every delay asked for, in order, cancelled or not. */
  readonly delays: number[] = [];

  schedule(task: () => Promise<void>, delayMs: number): () => void {
    const entry: Pending = { task, delayMs, cancelled: false };
    this.#pending.push(entry);
    this.delays.push(delayMs);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Tasks scheduled and neither run nor cancelled. */
  get pending(): number {
    return this.#pending.filter((entry) => !entry.cancelled).length;
  }

  /** Runs the oldest live task to its end; false when there is none. */
  async runNext(): Promise<boolean> {
    while (this.#pending.length > 0) {
      const entry = this.#pending.shift()!;
      if (entry.cancelled) continue;
      await entry.task();
      return true;
    }
    return false;
  }
}
