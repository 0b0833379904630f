import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { md5Hex } from '../../native/sim/bhxh/simulator.ts';

const CLI = join(import.meta.dirname, '..', 'tiepdon.ts');

describe('tiepdon sim bhxh', () => {
  it('prints its address, account and demo cards, answers a login, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'sim', 'bhxh'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    const summary = await new Promise<{ url: string; username: string; password: string; cards: unknown[] }>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        try {
          resolve(JSON.parse(out) as { url: string; username: string; password: string; cards: unknown[] });
        } catch {
          // not all of it yet
        }
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    assert.ok(summary.cards.length > 10);
    const reply = await fetch(`${summary.url}/api/token/take`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: summary.username, password: md5Hex(summary.password).toUpperCase() }).toString(),
    });
    assert.equal(((await reply.json()) as { maKetQua: string }).maKetQua, '200');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
