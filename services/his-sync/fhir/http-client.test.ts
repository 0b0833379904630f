import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HisError } from '../his-adapter.ts';
import { createFhirHttpClient, DEFAULT_MAX_BODY_BYTES, failureOfStatus } from './http-client.ts';

/** A local HTTP server answering every request with `handler`, closed on dispose. */
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(handler);
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  return {
    url,
    get connections() {
      return connections;
    },
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<HisError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HisError, `a HisError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('FHIR HTTP client', () => {
  it('times out a server that trickles its answer a byte at a time (the deadline covers the whole call)', { timeout: 30_000 }, async () => {
    let trickled = 0;
    await using server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/fhir+json' });
      // Never idle for long, never finished: only an overall deadline ends the call.
      const drip = setInterval(() => {
        trickled += 1;
        response.write(' ');
      }, 5);
      response.on('close', () => clearInterval(drip));
    });
    const client = createFhirHttpClient({ baseUrl: server.url, auth: { kind: 'none' }, timeoutMs: 300 });
    try {
      const error = await rejection(client.send('GET', 'metadata'));
      assert.deepEqual([error.kind, error.code], ['retryable', 'HIS_TIMEOUT']);
      assert.ok(trickled > 0, 'the server did send bytes');
    } finally {
      client.close();
    }
  });

  it('refuses an answer larger than the cap, streamed or announced, as a malformed reply', async () => {
    const huge = DEFAULT_MAX_BODY_BYTES + 1024;
    await using server = await serve((request, response) => {
      const body = `{"resourceType":"Bundle","pad":"${'x'.repeat(huge)}"}`;
      if (request.url?.endsWith('announced')) {
        response.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': String(Buffer.byteLength(body)) });
      } else {
        response.writeHead(200, { 'content-type': 'application/fhir+json' });
      }
      response.end(body);
    });
    const client = createFhirHttpClient({ baseUrl: server.url, auth: { kind: 'none' }, timeoutMs: 20_000 });
    try {
      for (const path of ['streamed', 'announced']) {
        const error = await rejection(client.send('GET', path));
        assert.deepEqual([error.kind, error.code], ['permanent', 'HIS_MALFORMED_REPLY'], path);
        assert.match(error.message, /larger than/);
      }
    } finally {
      client.close();
    }
  });

  it('reads an answer within the cap, and keeps the connection for the next call after a refused one', async () => {
    await using server = await serve((request, response) => {
      if (request.url?.endsWith('missing')) {
        response.writeHead(404, { 'content-type': 'application/fhir+json' });
        response.end('{"resourceType":"OperationOutcome"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/fhir+json' });
      response.end('{"resourceType":"CapabilityStatement","fhirVersion":"4.0.1"}');
    });
    const client = createFhirHttpClient({ baseUrl: server.url, auth: { kind: 'none' }, timeoutMs: 5_000, maxBodyBytes: 1_000 });
    try {
      const error = await rejection(client.send('GET', 'Patient/missing'));
      assert.equal(error.code, 'HIS_NOT_FOUND');
      const reply = await client.send('GET', 'metadata');
      assert.deepEqual(reply.body, { resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
      assert.equal(server.connections, 1, 'one kept-alive connection for both calls');
    } finally {
      client.close();
    }
  });

  it('refuses a plain http:// address to another computer before sending anything: the credentials go with every call', () => {
    const auth = { kind: 'bearer', token: 'desk-token' } as const;
    for (const baseUrl of ['http://his.benhvien.vn/fhir', 'http://10.0.0.5:8080/fhir']) {
      assert.throws(
        () => createFhirHttpClient({ baseUrl, auth, timeoutMs: 1_000 }),
        (error: unknown) => error instanceof HisError && error.code === 'HIS_INSECURE_ADDRESS' && error.kind === 'permanent',
        baseUrl,
      );
    }
    for (const baseUrl of ['https://his.benhvien.vn/fhir', 'http://127.0.0.1:8080/fhir', 'http://localhost/fhir', 'http://[::1]:8080/fhir']) {
      createFhirHttpClient({ baseUrl, auth, timeoutMs: 1_000 }).close();
    }
  });

  it('takes a 412 as a version conflict only on a versioned update; otherwise several records matched', () => {
    const now = new Date('2026-11-23T01:00:00Z');
    const versioned = failureOfStatus(412, {}, now, { versioned: true });
    assert.deepEqual([versioned?.kind, versioned?.code], ['retryable', 'HIS_VERSION_CONFLICT']);
    const conditional = failureOfStatus(412, {}, now);
    assert.deepEqual([conditional?.kind, conditional?.code], ['permanent', 'HIS_AMBIGUOUS']);
    const conflict = failureOfStatus(409, {}, now);
    assert.deepEqual([conflict?.kind, conflict?.code], ['retryable', 'HIS_VERSION_CONFLICT']);
  });
});
