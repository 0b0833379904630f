import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePartialDate } from '../identity/partial-date.ts';
import {
  CardCheckReplySchema,
  CardCheckRequestSchema,
  cardCodeKind,
  formatGatewayBirthDate,
  gatewayDayToIso,
  isoDayToGateway,
  parseGatewayBirthDate,
  tokenLifetimeMs,
  TokenReplySchema,
} from './wire.ts';

describe('gateway wire formats', () => {
  it('birth dates go out as dd/MM/yyyy, MM/yyyy or yyyy by precision', () => {
    assert.equal(formatGatewayBirthDate(makePartialDate({ year: 1990, month: 8, day: 5 })!), '05/08/1990');
    assert.equal(formatGatewayBirthDate(makePartialDate({ year: 1990, month: 8 })!), '08/1990');
    assert.equal(formatGatewayBirthDate(makePartialDate({ year: 1948 })!), '1948');
  });

  it('only the documented birth-date shapes are accepted', () => {
    assert.deepEqual(parseGatewayBirthDate('15/08/1990'), { precision: 'day', year: 1990, month: 8, day: 15 });
    assert.deepEqual(parseGatewayBirthDate('1948'), { precision: 'year', year: 1948 });
    for (const wrong of ['15081990', '1990-08-15', '15/8/1990', '31/02/1990', '00/08/1990', '15-08-1990', '']) {
      assert.equal(parseGatewayBirthDate(wrong), null, wrong);
    }
  });

  it('dates in replies: dd/MM/yyyy to ISO; anything else is absent', () => {
    assert.equal(gatewayDayToIso('31/12/2025'), '2025-12-31');
    assert.equal(gatewayDayToIso(''), null);
    assert.equal(gatewayDayToIso('2025-12-31'), null);
    assert.equal(gatewayDayToIso('31/02/2025'), null);
    assert.equal(isoDayToGateway('2025-01-02'), '02/01/2025');
  });

  it('maThe is a 15-character card code, a 10-digit BHXH number or a 12-digit CCCD number', () => {
    assert.equal(cardCodeKind('DN4010123456789'), 'card-code');
    assert.equal(cardCodeKind('0123456789'), 'bhxh-number');
    assert.equal(cardCodeKind('001090012345'), 'cccd');
    assert.equal(cardCodeKind('DN6010123456789'), null);
  });

  it('the card check body has exactly the five documented fields', () => {
    const body = { maThe: 'DN4010123456789', hoTen: 'Nguyễn Văn An', ngaySinh: '15/08/1990', hoTenCb: 'Trần Thị Tiếp Đón', cccdCb: '001190000001' };
    assert.equal(CardCheckRequestSchema.safeParse(body).success, true);
    assert.equal(CardCheckRequestSchema.safeParse({ ...body, extra: 1 }).success, false);
    assert.equal(CardCheckRequestSchema.safeParse({ ...body, ngaySinh: '1990-08-15' }).success, false);
    const { cccdCb: _, ...missing } = body;
    assert.equal(CardCheckRequestSchema.safeParse(missing).success, false);
  });

  it('replies: codes keep leading zeros (numbers padded), null history accepted, a missing code refused', () => {
    assert.equal(CardCheckReplySchema.parse({ maKetQua: 0 }).maKetQua, '000');
    assert.equal(CardCheckReplySchema.parse({ maKetQua: '004', dsLichSuKCB2018: null }).maKetQua, '004');
    assert.equal(CardCheckReplySchema.safeParse({ ghiChu: 'x' }).success, false);
    assert.equal(TokenReplySchema.safeParse({ maKetQua: '200', APIKey: { access_token: 'a' } }).success, false);
  });

  it('token lifetime: expires_in in seconds, or a date, else ten minutes', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(tokenLifetimeMs('600', now), 600_000);
    assert.equal(tokenLifetimeMs(90, now), 90_000);
    assert.equal(tokenLifetimeMs('2026-01-01T00:05:00Z', now), 300_000);
    assert.equal(tokenLifetimeMs('…', now), 600_000);
    assert.equal(tokenLifetimeMs(null, now), 600_000);
  });
});
