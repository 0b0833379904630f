/**
 * Runs the whole suite in one node:test run (one summary, the last lines of the
 * output): unit tests beside the code, then integration, e2e and Electron suites
 * under test/, then every benchmark in its quick mode.
 * Usage: node scripts/test.ts [--hogs N] [substring…]
 *   substring…  only files whose path contains one
 *   --hogs N    (or TIEPDON_TEST_HOGS=N) N busy loops at a higher priority than
 *               the tests for the whole run, to show the suite passes on a loaded machine
 */
import { globSync } from 'node:fs';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { requestedHogs, startCpuHogs } from './cpu-hogs.ts';

const IGNORED = /(^|\/)(node_modules|out|dist|\.tools|\.data)\//;
const { count: hogCount, rest: filters } = requestedHogs(process.argv.slice(2), process.env);

const files = globSync('**/*.test.ts')
  .filter((file) => !IGNORED.test(file))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));

/** Fast, pure tests first so a broken basic fails in seconds; the benchmarks' quick runs last. */
function weight(file: string): number {
  if (file.startsWith('bench/')) return 5;
  if (file.startsWith('test/electron/')) return 4;
  if (file.startsWith('test/e2e/')) return 3;
  if (file.startsWith('test/integration/')) return 2;
  return 1;
}

if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const hogs = hogCount > 0 ? startCpuHogs(hogCount) : undefined;
if (hogs) console.log(`# under load: ${hogs.description}`);

/**
 * The ceiling for any one test, and for any one file's suite (a describe
 * inherits it): waits end on events, so it is reached only by a test that is
 * broken, never by a busy machine. A hang is caught sooner by the stall check below.
 */
const TEST_CEILING_MS = 600_000;

// Integration tests share one pcscd and fixed vpcd ports: files run one at a time. No forceExit: with it
// a file's process could exit while tests were still running and the run passed without them.
const stream = run({ files, concurrency: 1, timeout: TEST_CEILING_MS });
stream.on('test:fail', () => {
  process.exitCode = 1;
});

/** Tests that started and never reported a result: a file that ended early must fail the run, not shrink it. */
const unfinished = new Map<string, number>();
const testKey = ({ file, name, nesting }: { file?: string; name: string; nesting: number }) => `${file ?? ''}|${nesting}|${name}`;
stream.on('test:start', (test) => unfinished.set(testKey(test), (unfinished.get(testKey(test)) ?? 0) + 1));
for (const event of ['test:pass', 'test:fail'] as const) {
  stream.on(event, (test) => {
    const left = (unfinished.get(testKey(test)) ?? 0) - 1;
    if (left > 0) unfinished.set(testKey(test), left);
    else unfinished.delete(testKey(test));
  });
}
stream.compose(spec).pipe(process.stdout);

/**
 * A test file whose process never exits (a handle left open) would hold the run forever:
 * stop with its name once nothing has been reported for longer than any test may take.
 */
const STALL_MS = 300_000;
let lastFile = '';
let stallTimer = setTimeout(reportStall, STALL_MS);
stream.on('test:start', ({ file }) => {
  if (file) lastFile = file;
});
for (const event of ['test:start', 'test:pass', 'test:fail', 'test:stdout', 'test:stderr'] as const) {
  stream.on(event, () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(reportStall, STALL_MS);
  });
}
stream.on('end', () => {
  clearTimeout(stallTimer);
  hogs?.stop();
  if (unfinished.size > 0) {
    console.error(`\n${unfinished.size} test(s) started and never finished (their file ended early):`);
    for (const key of unfinished.keys()) console.error(`  ${key.replaceAll('|', ' › ')}`);
    process.exitCode = 1;
  }
});

function reportStall(): void {
  console.error(`\ntest run stalled: nothing reported for ${STALL_MS / 1000} s; last file started: ${lastFile || 'none'}`);
  process.exit(1);
}
