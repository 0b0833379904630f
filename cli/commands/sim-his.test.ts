import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../tiepdon.ts', import.meta.url));

/** Runs `tiepdon sim his` with `args`, reads its summary, hands it to `check`, then stops it with SIGTERM. */
async function withSimHis(args: string[], check: (summary: { url: string; auth: string; clinics: unknown[] }) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'sim', 'his', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let text = '';
    child.stdout.setEncoding('utf8');
    const summary = await new Promise<{ url: string; auth: string; clinics: unknown[] }>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        text += chunk;
        try {
          resolve(JSON.parse(text));
        } catch {
          // not the whole summary yet
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before printing its address`)));
    });
    await check(summary);
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, 'stops cleanly on SIGTERM');
  }
}

describe('tiepdon sim his', () => {
  it('serves a FHIR engine seeded with clinics, guarded by a token when asked', async () => {
    await withSimHis(['--token', 'demo'], async ({ url, auth, clinics }) => {
      assert.equal(auth, 'bearer');
      assert.equal(clinics.length, 2);
      assert.equal((await fetch(`${url}/metadata`)).status, 401);
      const reply = await fetch(`${url}/Location?status=active`, { headers: { authorization: 'Bearer demo' } });
      assert.equal(((await reply.json()) as { entry: unknown[] }).entry.length, 2);
    });
  });

  it('puts the fault proxy in front with --fault', async () => {
    await withSimHis(['--fault', 'rate-limit', '--retry-after', '7'], async ({ url }) => {
      const reply = await fetch(`${url}/metadata`);
      assert.equal(reply.status, 429);
      assert.equal(reply.headers.get('retry-after'), '7');
    });
  });

  it('refuses an unknown fault with its usage', async () => {
    const child = spawn(process.execPath, [CLI, 'sim', 'his', '--fault', 'gremlins'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /--fault must be one of/);
  });
});
