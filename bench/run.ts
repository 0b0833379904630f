/**
 * `npm run bench -- <name>`: runs bench/<name>.bench.ts, prints its table, then
 * one JSON object of its figures as the last line. Without a name, lists them.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export type Figures = Record<string, number | string | boolean>;
export interface Benchmark {
  description: string;
  run(): Promise<Figures>;
}

const available = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));

const name = process.argv[2];
if (!name || !available.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(', ')}\n`);
  process.exit(name ? 2 : 0);
}

const benchmark = ((await import(`./${name}.bench.ts`)) as { default: Benchmark }).default;
process.stderr.write(`${name}: ${benchmark.description}\n`);
const figures = await benchmark.run();
const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30) };
console.table(figures);
console.log(JSON.stringify({ benchmark: name, ...figures, machine: `${machine.cpus}× ${machine.cpuModel}, ${machine.memGiB} GiB, Node ${machine.node}` }));
