/** What a benchmark in bench/ is, and what its runner and CI need to find and size it. */
import { readdirSync } from 'node:fs';

export type Figures = Record<string, number | string | boolean>;

export interface BenchOptions {
  /** Small sizes, same code path: proves the benchmark runs, measures nothing worth quoting. */
  readonly quick: boolean;
}

export interface Benchmark {
  description: string;
  run(options: BenchOptions): Promise<Figures>;
}

/** The full size, or the quick one under --quick. */
export const sized = (options: BenchOptions, full: number, quick: number): number => (options.quick ? quick : full);

export const BENCH_DIR = import.meta.dirname;

export function availableBenchmarks(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.replace(/\.bench\.ts$/, ''))
    .sort();
}
