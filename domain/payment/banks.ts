import { BANK_LISTS } from './bank-lists.ts';

/** A bank or wallet that can receive NAPAS 247 transfers, known by its acquirer ID (BIN). */
export interface Bank {
  readonly bin: string;
  readonly shortName: string;
  /** Full Vietnamese name, NFC. */
  readonly name: string;
  /** Names the same BIN carried before a rename or takeover, for search. */
  readonly formerNames?: readonly string[];
}

export interface BankList {
  readonly version: string;
  /** Local calendar date (YYYY-MM-DD) from which this list applies. */
  readonly effectiveFrom: string;
  /** 'provisional' until checked against the NAPAS member list. */
  readonly status: 'provisional' | 'verified';
  readonly source: string;
  readonly banks: readonly Bank[];
}

/** The list in force on `date` (YYYY-MM-DD): the one with the latest effectiveFrom not after it. */
export function bankListOn(date: string, lists: readonly BankList[] = BANK_LISTS): BankList | null {
  let inForce: BankList | null = null;
  for (const list of lists) {
    if (list.effectiveFrom <= date && (inForce === null || list.effectiveFrom > inForce.effectiveFrom)) {
      inForce = list;
    }
  }
  return inForce;
}

/** The newest list, whatever its date: for lookups where no date applies. */
export function latestBankList(lists: readonly BankList[] = BANK_LISTS): BankList {
  const latest = lists.reduce<BankList | null>(
    (newest, list) => (newest === null || list.effectiveFrom > newest.effectiveFrom ? list : newest),
    null,
  );
  if (latest === null) throw new RangeError('no bank list');
  return latest;
}

export function findBankByBin(bin: string, list: BankList = latestBankList()): Bank | null {
  return list.banks.find((bank) => bank.bin === bin) ?? null;
}
