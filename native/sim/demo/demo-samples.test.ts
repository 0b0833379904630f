import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCccdNumber } from '../../../domain/identity/cccd-number.ts';
import { parseIsoPartialDate } from '../../../domain/identity/partial-date.ts';
import { readScan } from '../../../domain/identity/scan-kind.ts';
import { parseVietQr } from '../../../domain/payment/parse.ts';
import { decideCheck } from '../bhxh/gateway-rules.ts';
import { DEMO_BANK, DEMO_CARDS, DEMO_CODES, DEMO_SAMPLE_KINDS } from './demo-samples.ts';

const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const ageOn = (birth: string) => {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
};

describe('demo samples', () => {
  it('has one card of each kind, and the ages the kinds promise', () => {
    assert.deepEqual(DEMO_CARDS.map((card) => card.kind).sort(), [...DEMO_SAMPLE_KINDS].sort());
    const byKind = Object.fromEntries(DEMO_CARDS.map((card) => [card.kind, card]));
    assert.ok(ageOn(byKind['child']!.profile.dateOfBirth) < 6, 'the child is under 6');
    assert.ok(ageOn(byKind['elderly']!.profile.dateOfBirth) > 80, 'the elderly patient is over 80');
    assert.ok(ageOn(byKind['returning-insured']!.profile.dateOfBirth) >= 18);
    assert.deepEqual(
      DEMO_CARDS.filter((card) => card.registered).map((card) => card.kind),
      ['returning-insured'],
    );
  });

  it('gives every card an ID number whose province, century and sex digits agree with the holder', () => {
    for (const { profile } of DEMO_CARDS) {
      const parsed = parseCccdNumber(profile.idNumber, { dateOfBirth: parseIsoPartialDate(profile.dateOfBirth), sex: profile.sex });
      assert.ok(parsed.ok, profile.idNumber);
      assert.deepEqual(parsed.value.warnings, [], `${profile.fullName}: ${JSON.stringify(parsed.ok && parsed.value.warnings)}`);
    }
  });

  it('has the simulated gateway answer each card valid, by card number and by ID number', () => {
    for (const { insurance, profile } of DEMO_CARDS) {
      const cards = DEMO_CARDS.map((card) => card.insurance);
      const birth = profile.dateOfBirth.split('-').reverse().join('/');
      for (const maThe of [insurance.cardCode, profile.idNumber]) {
        const decision = decideCheck({ cards, maThe, hoTen: profile.fullName, ngaySinh: birth, cccdAccepted: true, today });
        assert.equal(decision.code, '000', `${profile.fullName} by ${maThe}`);
      }
    }
  });

  it('has codes the scan path reads as their kind: a CCCD per card, a BHYT card, a VietQR and something unrecognised', () => {
    const kinds = new Set(DEMO_CODES.filter((code) => code.inScanMenu).map((code) => code.kind));
    assert.deepEqual([...kinds].sort(), ['bhyt', 'cccd', 'unknown', 'vietqr']);
    for (const code of DEMO_CODES) {
      const reading = readScan(code.text);
      assert.equal(reading.kind, code.kind, code.id);
      if (reading.kind === 'cccd' || reading.kind === 'bhyt') {
        assert.ok(reading.result.ok, `${code.id}: ${JSON.stringify(!reading.result.ok && reading.result.error)}`);
        assert.equal(reading.result.value.needsConfirmation, false, `${code.id} reads cleanly`);
      }
    }
    for (const card of DEMO_CARDS) {
      const qr = DEMO_CODES.find((code) => code.kind === 'cccd' && code.cardId === card.id);
      const reading = qr && readScan(qr.text);
      assert.ok(reading?.kind === 'cccd' && reading.result.ok);
      assert.equal(reading.result.value.idNumber, card.profile.idNumber);
      assert.equal(reading.result.value.fullName, card.profile.fullName);
    }
    const vietqr = parseVietQr(DEMO_CODES.find((code) => code.kind === 'vietqr')!.text);
    assert.ok(vietqr.ok);
    assert.equal(vietqr.value.bankBin, DEMO_BANK.bankBin);
  });
});
