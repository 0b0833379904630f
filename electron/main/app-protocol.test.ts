import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createAppRequestHandler } from './app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';

function bundle() {
  const dir = makeTempDir('tiepdon-protocol-');
  const root = join(dir.path, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'blob.bin'), 'x');
  writeFileSync(join(dir.path, 'secret.txt'), 'not for the page');
  return { dir, handler: createAppRequestHandler({ root }) };
}

describe('app:// protocol handler', () => {
  it('serves index.html for the root with the CSP header', async () => {
    const { dir, handler } = bundle();
    using _ = dir;
    const response = await handler(new Request('app://tiepdon/'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(await response.text(), '<!doctype html><div id="root"></div>');
  });

  it('serves assets with their type, and unknown types as opaque bytes with nosniff', async () => {
    const { dir, handler } = bundle();
    using _ = dir;
    const script = await handler(new Request('app://tiepdon/assets/app.js'));
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const opaque = await handler(new Request('app://tiepdon/assets/blob.bin'));
    assert.equal(opaque.headers.get('content-type'), 'application/octet-stream');
    assert.equal(opaque.headers.get('x-content-type-options'), 'nosniff');
  });

  it('never serves a file outside the bundle', async () => {
    const { dir, handler } = bundle();
    using _ = dir;
    for (const url of [
      'app://tiepdon/../secret.txt',
      'app://tiepdon/%2e%2e/secret.txt',
      'app://tiepdon/..%2fsecret.txt',
      'app://tiepdon/assets/..%2f..%2fsecret.txt',
      'app://tiepdon/..%5csecret.txt',
      'app://tiepdon/index.html%00.js',
    ]) {
      const response = await handler(new Request(url));
      assert.equal(response.status, 404, url);
      assert.doesNotMatch(await response.text(), /not for the page/, url);
    }
  });

  it('answers 404 for another host or a missing file, still with the CSP', async () => {
    const { dir, handler } = bundle();
    using _ = dir;
    const foreign = await handler(new Request('app://other/index.html'));
    assert.equal(foreign.status, 404);
    const missing = await handler(new Request('app://tiepdon/nope.js'));
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  it('accepts only GET and HEAD', async () => {
    const { dir, handler } = bundle();
    using _ = dir;
    const post = await handler(new Request('app://tiepdon/index.html', { method: 'POST', body: 'x' }));
    assert.equal(post.status, 405);
    const head = await handler(new Request('app://tiepdon/index.html', { method: 'HEAD' }));
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });
});
