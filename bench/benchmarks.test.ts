/**
 * Every benchmark in bench/ runs in its quick mode (small sizes, same code
 * path) so none can rot unseen. Each is checked only for finishing and printing
 * its JSON figures line: the figures themselves depend on the machine and are
 * never asserted. The full-size runs stay manual.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { availableBenchmarks, BENCH_DIR } from './benchmark.ts';

/** A quick run takes seconds; the ceiling is for a machine busy with other work. */
const QUICK_RUN_CEILING_MS = 300_000;

interface Finished {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function runQuick(name: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(BENCH_DIR, 'run.ts'), name, '--quick'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), QUICK_RUN_CEILING_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('benchmarks in quick mode', () => {
  const names = availableBenchmarks();

  it('finds the benchmarks', () => {
    assert.ok(names.length > 0, 'no *.bench.ts in bench/');
  });

  for (const name of names) {
    it(`${name} finishes and prints its figures as JSON`, async (t) => {
      const run = await runQuick(name);
      const context = `exit ${run.signal ?? run.code}\n--- stderr (end) ---\n${run.stderr.slice(-3_000)}\n--- stdout (end) ---\n${run.stdout.slice(-1_000)}`;
      assert.equal(run.code, 0, context);
      const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
      let figures: Record<string, unknown>;
      try {
        figures = JSON.parse(last) as Record<string, unknown>;
      } catch {
        assert.fail(`the last line is not JSON: ${last}\n${context}`);
      }
      assert.equal(figures['benchmark'], name);
      assert.equal(figures['quick'], true);
      assert.ok(Object.keys(figures).length > 3, `figures: ${last}`);
      t.diagnostic(last);
    });
  }
});
