/**
 * `npm run bench -- <name> [--quick]`: runs bench/<name>.bench.ts, prints its
 * table, then one JSON object of its figures as the last line. Without a name,
 * lists them. `--quick` runs the same code path at small sizes, so CI can show
 * every benchmark still runs; its figures are not the ones to quote.
 */
import { cpus, totalmem } from 'node:os';
import { availableBenchmarks, type Benchmark } from './benchmark.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const name = args.find((arg) => !arg.startsWith('--'));
const available = availableBenchmarks();
if (!name || !available.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- <name> [--quick]\nBenchmarks: ${available.join(', ')}\n`);
  process.exit(name ? 2 : 0);
}

const benchmark = ((await import(`./${name}.bench.ts`)) as { default: Benchmark }).default;
process.stderr.write(`${name}${quick ? ' (quick)' : ''}: ${benchmark.description}\n`);
const figures = await benchmark.run({ quick });
const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30) };
console.table(figures);
console.log(
  JSON.stringify({
    benchmark: name,
    ...(quick ? { quick: true } : {}),
    ...figures,
    machine: `${machine.cpus}× ${machine.cpuModel}, ${machine.memGiB} GiB, Node ${machine.node}`,
  }),
);
