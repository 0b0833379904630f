import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InsuranceSettingsInputSchema, InsuranceSettingsSchema } from './insurance-api.ts';
import { HisSettingsInputSchema, HisSettingsSchema } from './sync-api.ts';
import { isLoopbackHost, isSafeForSecrets } from './web-address.ts';

/** The rules a refused address is refused by, as the settings panel hears them. */
function rulesOf(result: { success: boolean; error?: { issues: { code: string; path: PropertyKey[]; params?: Record<string, unknown> }[] } }): string[] {
  return (result.error?.issues ?? []).filter((issue) => issue.path[0] === 'baseUrl').map((issue) => (issue.code === 'custom' ? String(issue.params?.['rule']) : issue.code));
}

const HTTP_ELSEWHERE = ['http://his.benhvien.vn/fhir', 'http://egw.baohiemxahoi.gov.vn', 'http://10.0.0.5:8080/fhir', 'http://192.168.1.20', 'http://[fe80::1]/', 'http://localhost.example.com', 'http://127.0.0.1.nip.io/'];
const LOOPBACK = ['http://127.0.0.1:8080/fhir', 'http://127.5.6.7/', 'http://localhost:3000', 'http://LOCALHOST/fhir', 'http://[::1]:9000/'];
const SECURE = ['https://his.benhvien.vn/fhir', 'https://egw.baohiemxahoi.gov.vn', 'https://10.0.0.5:8443/fhir'];

describe('addresses the HIS and gateway secrets may be sent to', () => {
  it('takes https anywhere and http only to this computer', () => {
    for (const address of [...SECURE, ...LOOPBACK]) assert.equal(isSafeForSecrets(address), true, address);
    for (const address of HTTP_ELSEWHERE) assert.equal(isSafeForSecrets(address), false, address);
  });

  it('knows loopback hosts as the URL parser writes them', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['128.0.0.1', '10.127.0.1', 'localhost.example', '[::2]', '']) assert.equal(isLoopbackHost(host), false, host);
  });
});

describe('HIS settings address', () => {
  it('refuses a plain http:// address to another computer with its own rule', () => {
    for (const baseUrl of HTTP_ELSEWHERE) assert.deepEqual(rulesOf(HisSettingsInputSchema.safeParse({ baseUrl })), ['https_required'], baseUrl);
  });

  it('takes https, loopback http (tests, simulators) and no address', () => {
    for (const baseUrl of [...SECURE, ...LOOPBACK, '']) assert.deepEqual(rulesOf(HisSettingsInputSchema.safeParse({ baseUrl })), [], baseUrl);
  });

  it('still refuses what is not a web address as not a web address', () => {
    for (const baseUrl of ['ftp://his', 'his.benhvien.vn']) assert.deepEqual(rulesOf(HisSettingsInputSchema.safeParse({ baseUrl })), ['web_address'], baseUrl);
  });

  it('reads a stored http:// address as it was, for the connection to refuse rather than the whole section to be dropped', () => {
    assert.equal(HisSettingsSchema.parse({ baseUrl: 'http://his.benhvien.vn/fhir', user: 'desk' }).user, 'desk');
  });
});

describe('BHXH gateway settings address', () => {
  it('refuses a plain http:// address to another computer with its own rule', () => {
    for (const baseUrl of HTTP_ELSEWHERE) assert.deepEqual(rulesOf(InsuranceSettingsInputSchema.safeParse({ baseUrl })), ['https_required'], baseUrl);
  });

  it('takes https, loopback http (tests, simulators) and no address', () => {
    for (const baseUrl of [...SECURE, ...LOOPBACK, '']) assert.deepEqual(rulesOf(InsuranceSettingsInputSchema.safeParse({ baseUrl })), [], baseUrl);
  });

  it('reads a stored http:// address as it was', () => {
    assert.equal(InsuranceSettingsSchema.parse({ baseUrl: 'http://egw.baohiemxahoi.gov.vn', username: '01013_BV' }).username, '01013_BV');
  });
});
