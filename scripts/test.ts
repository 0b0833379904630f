/**
 * Runs the whole suite in one node:test run (one summary): unit tests beside the
 * code, then integration, e2e and Electron suites under test/.
 * Usage: node scripts/test.ts [substring…]   (only files whose path contains one)
 */
import { globSync } from 'node:fs';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const IGNORED = /(^|\/)(node_modules|out|dist|\.tools|\.data)\//;
const filters = process.argv.slice(2);

const files = globSync('**/*.test.ts')
  .filter((file) => !IGNORED.test(file))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));

/** Fast, pure tests first so a broken basic fails in seconds. */
function weight(file: string): number {
  if (file.startsWith('test/electron/')) return 4;
  if (file.startsWith('test/e2e/')) return 3;
  if (file.startsWith('test/integration/')) return 2;
  return 1;
}

if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// Integration tests share one pcscd and fixed vpcd ports: files run one at a time.
const stream = run({ files, concurrency: 1, timeout: 120_000 });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);

/**
 * A test file whose process never exits (a handle left open) would hold the run forever:
 * stop with its name once nothing has been reported for longer than any test may take.
 */
const STALL_MS = 180_000;
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
stream.on('end', () => clearTimeout(stallTimer));

function reportStall(): void {
  console.error(`\ntest run stalled: nothing reported for ${STALL_MS / 1000} s; last file started: ${lastFile || 'none'}`);
  process.exit(1);
}
