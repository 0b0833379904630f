import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DEMO_VALID_CARD } from '../../native/sim/bhxh/demo-cards.ts';
import { createLogger } from '../log.ts';
import { md5Hex, SIM_DEFAULTS, startBhxhSimulator, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { createGatewayClient, GatewayError, type GatewayAccount, type GatewayClientOptions } from './gateway-client.ts';

const QUERY = { maThe: DEMO_VALID_CARD.cardCode, hoTen: DEMO_VALID_CARD.fullName, ngaySinh: DEMO_VALID_CARD.birthDate };

function account(sim: BhxhSimulator, password: string = SIM_DEFAULTS.password): GatewayAccount {
  const [staff] = SIM_DEFAULTS.staff;
  return { baseUrl: sim.url, username: SIM_DEFAULTS.username, passwordMd5: md5Hex(password).toUpperCase(), staffName: staff!.name, staffCccd: staff!.cccd };
}

describe('gateway client', () => {
  let sim: BhxhSimulator;
  let clock = Date.parse('2026-03-02T01:00:00Z');
  let waits: number[] = [];
  before(async () => {
    sim = await startBhxhSimulator({ cards: [DEMO_VALID_CARD], now: () => clock, tokenLifetimeS: 600 });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.setFault(null);
    sim.setLatency(0);
    sim.expireTokens();
    sim.stats.logins = 0;
    sim.stats.checks = 0;
    sim.stats.codes = {};
    waits = [];
  });

  const client = (extra: Partial<GatewayClientOptions> = {}) =>
    createGatewayClient({
      account: () => account(sim),
      timeouts: () => ({ loginMs: 5_000, checkMs: 5_000 }),
      sleep: async (ms) => {
        waits.push(ms);
      },
      now: () => clock,
      ...extra,
    });

  it('logs in once with the MD5 password and sends the documented card check', async () => {
    const gateway = client();
    const reply = await gateway.checkCard(QUERY);
    assert.equal(reply.maKetQua, '000');
    await gateway.checkCard(QUERY);
    assert.equal(sim.stats.logins, 1, 'the token is reused');
    assert.deepEqual(sim.checkBodies.at(-1), { ...QUERY, hoTenCb: SIM_DEFAULTS.staff[0]!.name, cccdCb: SIM_DEFAULTS.staff[0]!.cccd });
  });

  it('logs in again before a call once the token has expired', async () => {
    const gateway = client();
    await gateway.checkCard(QUERY);
    clock += 601_000;
    assert.equal((await gateway.checkCard(QUERY)).maKetQua, '000');
    assert.equal(sim.stats.logins, 2);
    assert.equal(sim.stats.codes['check:401'], undefined, 'no call was refused');
  });

  it('a token the gateway refuses (401) is renewed once and the call sent again', async () => {
    const gateway = client();
    await gateway.checkCard(QUERY);
    sim.expireTokens();
    assert.equal((await gateway.checkCard(QUERY)).maKetQua, '000');
    assert.equal(sim.stats.logins, 2);
    assert.equal(sim.stats.codes['check:401'], 1);
  });

  it('a gateway that keeps refusing fresh tokens is a refused login, not a loop', async () => {
    sim.setFault({ kind: 'token-401', on: 'check' });
    await assert.rejects(client().checkCard(QUERY), (error: GatewayError) => error.kind === 'login-refused' && error.code === '401');
    assert.equal(sim.stats.logins, 2);
  });

  it('a wrong password: upper-case MD5, then lower-case, then refused with the code', async () => {
    const gateway = client({ account: () => account(sim, 'sai-mat-khau') });
    await assert.rejects(gateway.login(), (error: GatewayError) => error.kind === 'login-refused' && error.code === '401');
    assert.equal(sim.stats.logins, 2);
  });

  it('not set up: a typed failure without any request', async () => {
    await assert.rejects(client({ account: () => null }).checkCard(QUERY), (error: GatewayError) => error.kind === 'not-configured');
    assert.equal(sim.stats.logins, 0);
  });

  it('an http:// address to another computer (stored before https was required): a typed failure, nothing sent', async () => {
    const sent: string[] = [];
    const gateway = client({
      account: () => ({ ...account(sim), baseUrl: 'http://egw.baohiemxahoi.gov.vn' }),
      fetch: async (input) => {
        sent.push(String(input));
        return new Response('{}');
      },
    });
    await assert.rejects(gateway.login(), (error: GatewayError) => error.kind === 'insecure-address' && !error.transient);
    await assert.rejects(gateway.checkCard(QUERY), (error: GatewayError) => error.kind === 'insecure-address');
    assert.deepEqual(sent, []);
    assert.match(sim.url, /^http:\/\/127\./, 'the simulator is on this computer, so plain http reaches it');
  });

  for (const kind of ['code-100', 'code-101', 'code-500', 'http-503', 'reset'] as const) {
    it(`retries with growing waits after ${kind}`, async () => {
      const gateway = client();
      await gateway.login();
      sim.setFault({ kind, on: 'check', times: 2 });
      assert.equal((await gateway.checkCard(QUERY)).maKetQua, '000');
      assert.deepEqual(waits, [400, 800]);
    });
  }

  it('gives up after the attempts with the reason, still transient', async () => {
    const gateway = client();
    await gateway.login();
    sim.setFault({ kind: 'code-101', on: 'check' });
    await assert.rejects(gateway.checkCard(QUERY), (error: GatewayError) => error.kind === 'gateway-busy' && error.code === '101' && error.transient);
    assert.equal(waits.length, 2);
  });

  it('times out a call that does not answer, per call', async () => {
    const gateway = client({ timeouts: () => ({ loginMs: 5_000, checkMs: 150 }), retry: { attempts: 2, baseMs: 1, maxMs: 1 } });
    await gateway.login();
    sim.setFault({ kind: 'hang', on: 'check' });
    await assert.rejects(gateway.checkCard(QUERY), (error: GatewayError) => error.kind === 'timeout');
    assert.equal(sim.stats.checks, 2);
  });

  for (const kind of ['html', 'truncated-json', 'missing-code', 'wrong-types'] as const) {
    it(`a malformed reply (${kind}) is a typed failure and is not retried`, async () => {
      const gateway = client();
      await gateway.login();
      sim.setFault({ kind, on: 'check' });
      await assert.rejects(gateway.checkCard(QUERY), (error: GatewayError) => error.kind === 'malformed' && !error.transient);
      assert.equal(sim.stats.checks, 1);
    });
  }

  it('a malformed login reply is a typed failure', async () => {
    sim.setFault({ kind: 'wrong-types', on: 'token' });
    await assert.rejects(client().login(), (error: GatewayError) => error.kind === 'malformed');
  });

  it('an unreachable gateway is a network failure after the retries', async () => {
    const down = await startBhxhSimulator();
    await down.close();
    const gateway = client({ account: () => ({ ...account(sim), baseUrl: down.url }) });
    await assert.rejects(gateway.checkCard(QUERY), (error: GatewayError) => error.kind === 'network' && error.transient);
    assert.equal(waits.length, 2);
  });

  it('a gateway that takes only the lower-case MD5: falls back once, then remembers it', async () => {
    const strict = await startBhxhSimulator({ cards: [DEMO_VALID_CARD], loginPasswordCase: 'lower' });
    try {
      const gateway = client({ account: () => ({ ...account(sim), baseUrl: strict.url }) });
      await gateway.login();
      assert.deepEqual([strict.stats.codes['token:401'], strict.stats.codes['token:200']], [1, 1]);
      assert.equal((await gateway.checkCard(QUERY)).maKetQua, '000', 'the query carries the accepted case');
      await gateway.login();
      assert.equal(strict.stats.codes['token:401'], 1, 'the accepted case is tried first next time');
    } finally {
      await strict.close();
    }
  });

  it('logs result codes only: no names, card numbers, birth dates or tokens', async () => {
    const lines: string[] = [];
    const gateway = client({ log: createLogger((line) => lines.push(line), 'debug') });
    await gateway.checkCard(QUERY);
    sim.setFault({ kind: 'code-101', on: 'check', times: 1 });
    await gateway.checkCard(QUERY);
    await gateway.lookupExemption(QUERY);
    const text = lines.join('\n');
    assert.ok(lines.length >= 4, text);
    for (const secret of [QUERY.hoTen, QUERY.maThe, QUERY.ngaySinh, '0123456789', SIM_DEFAULTS.staff[0]!.cccd, SIM_DEFAULTS.staff[0]!.name]) {
      assert.equal(text.includes(secret), false, secret);
    }
    assert.equal(/token=|access_token|id_token/.test(text), false);
  });

  it('the exemption look-up authenticates with headers and reads the PascalCase reply', async () => {
    const reply = await client().lookupExemption(QUERY);
    assert.equal(reply.MaKetQua, '200');
    assert.equal(reply.DataCCT?.[0]?.tBNCCTLuyKe, DEMO_VALID_CARD.coPaymentVnd);
  });
});
