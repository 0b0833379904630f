import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, withContentSecurityPolicy } from './content-security-policy.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('never allows eval or inline script', () => {
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|wasm-unsafe-eval|unsafe-hashes/);
    assert.deepEqual(policy.get('script-src'), ["'self'"]);
    assert.deepEqual(policy.get('default-src'), ["'self'"]);
  });

  it('keeps styles, connections and workers to our own origin', () => {
    assert.deepEqual(policy.get('style-src'), ["'self'"]);
    assert.deepEqual(policy.get('connect-src'), ["'self'"]);
    assert.deepEqual(policy.get('worker-src'), ["'self'"]);
  });

  it('allows images from our origin, data: and blob: only', () => {
    assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', 'blob:']);
  });

  it('shuts plugins, base rewriting, form posts and framing', () => {
    assert.deepEqual(policy.get('object-src'), ["'none'"]);
    assert.deepEqual(policy.get('base-uri'), ["'none'"]);
    assert.deepEqual(policy.get('form-action'), ["'none'"]);
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  });

  it('names no remote host and no wildcard', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) assert.match(source, /^('self'|'none'|data:|blob:|mediastream:)$/, `${name} ${source}`);
    }
  });

  it('is part of the security headers with nosniff', () => {
    assert.equal(SECURITY_HEADERS['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
    assert.equal(SECURITY_HEADERS['X-Content-Type-Options'], 'nosniff');
  });

  it('replaces a weaker policy a response brings, whatever its header case', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["script-src 'unsafe-eval' *"],
      'Content-Type': ['text/html'],
    });
    assert.deepEqual(headers, { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    assert.deepEqual(withContentSecurityPolicy(undefined), { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
