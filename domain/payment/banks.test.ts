import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BANK_LISTS } from './bank-lists.ts';
import { bankListOn, findBankByBin, latestBankList, type BankList } from './banks.ts';

function list(version: string, effectiveFrom: string, bins: string[]): BankList {
  return {
    version,
    effectiveFrom,
    status: 'provisional',
    source: 'test',
    banks: bins.map((bin) => ({ bin, shortName: `Bank ${bin}`, name: `Ngân hàng thử nghiệm ${bin}` })),
  };
}

describe('bank lists', () => {
  for (const bankList of BANK_LISTS) {
    it(`${bankList.version}: BINs are 6 digits and unique; names are NFC and present`, () => {
      assert.match(bankList.effectiveFrom, /^\d{4}-\d{2}-\d{2}$/);
      const bins = bankList.banks.map((bank) => bank.bin);
      assert.equal(new Set(bins).size, bins.length);
      for (const bank of bankList.banks) {
        assert.match(bank.bin, /^\d{6}$/);
        for (const name of [bank.shortName, bank.name, ...(bank.formerNames ?? [])]) {
          assert.ok(name.trim().length > 0 && name === name.trim(), bank.bin);
          assert.equal(name, name.normalize('NFC'), bank.bin);
        }
      }
    });
  }

  it('has the BINs of the four largest banks that every source agrees on', () => {
    const latest = latestBankList();
    assert.equal(findBankByBin('970436', latest)?.shortName, 'Vietcombank');
    assert.equal(findBankByBin('970418', latest)?.shortName, 'BIDV');
    assert.equal(findBankByBin('970415', latest)?.shortName, 'VietinBank');
    assert.equal(findBankByBin('970405', latest)?.shortName, 'Agribank');
  });
});

describe('findBankByBin', () => {
  it('finds a bank by BIN in the newest list by default', () => {
    assert.equal(findBankByBin('970422')?.name, 'Ngân hàng TMCP Quân đội');
  });

  it('keeps former names of a renamed bank under the same BIN', () => {
    const mbv = findBankByBin('970414');
    assert.equal(mbv?.shortName, 'MBV');
    assert.ok(mbv?.formerNames?.includes('OceanBank'));
  });

  it('answers null for a BIN it does not know', () => {
    assert.equal(findBankByBin('000000'), null);
    assert.equal(findBankByBin(''), null);
  });

  it('looks in the list it is given', () => {
    assert.equal(findBankByBin('999001', list('test', '2026-01-01', ['999001']))?.shortName, 'Bank 999001');
  });
});

describe('bankListOn', () => {
  const lists = [list('a', '2025-01-01', ['999001']), list('b', '2026-01-01', ['999002'])];

  it('picks the list in force on a date', () => {
    assert.equal(bankListOn('2025-06-30', lists)?.version, 'a');
    assert.equal(bankListOn('2026-01-01', lists)?.version, 'b');
    assert.equal(bankListOn('2030-12-31', lists)?.version, 'b');
  });

  it('answers null before the first list applies', () => {
    assert.equal(bankListOn('2024-12-31', lists), null);
  });

  it('does not depend on the order of the lists', () => {
    assert.equal(bankListOn('2026-02-01', [...lists].reverse())?.version, 'b');
    assert.equal(latestBankList([...lists].reverse()).version, 'b');
  });
});
