import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { buildDg1, composeCccdMrz, composeTd1Mrz } from '../testing/lds-builders.ts';
import { parseDg1 } from './dg1.ts';
import { parseMrz, splitMrzName } from './mrz.ts';

// The synthetic CCCD zone of cccd-chip.md §2.2 (all values invented).
const CCCD = ['IDVNM0990123459001099012345<<0', '9902015M2402011VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<'];

describe('MRZ', () => {
  it('reads a CCCD TD1 zone field by field', () => {
    const mrz = parseDg1(buildDg1(CCCD.join('')));
    assert.equal(mrz.format, 'TD1');
    assert.equal(mrz.documentCode, 'ID');
    assert.equal(mrz.issuingState, 'VNM');
    assert.equal(mrz.documentNumber, '099012345');
    assert.equal(mrz.optionalData, '001099012345<<0');
    assert.equal(mrz.optionalData2, '');
    assert.equal(mrz.dateOfBirth, '990201');
    assert.equal(mrz.sex, 'M');
    assert.equal(mrz.dateOfExpiry, '240201');
    assert.equal(mrz.nationality, 'VNM');
    assert.equal(mrz.primaryIdentifier, 'NGUYEN');
    assert.equal(mrz.secondaryIdentifier, 'VAN A');
    assert.equal(mrz.checkDigitsValid, true);
    assert.deepEqual(
      mrz.checks.map((c) => c.field),
      ['documentNumber', 'dateOfBirth', 'dateOfExpiry', 'composite'],
    );
  });

  it('builds the same zone as the research example', () => {
    assert.equal(composeCccdMrz({ idNumber: '001099012345', dateOfBirth: '990201', sex: 'M', dateOfExpiry: '240201', fullName: 'Nguyễn Văn A' }), CCCD.join(''));
  });

  it('reports a wrong check digit per field instead of throwing', () => {
    const broken = CCCD[0] + CCCD[1]!.replace('9902015', '9902016') + CCCD[2];
    const mrz = parseMrz(broken);
    assert.equal(mrz.checkDigitsValid, false);
    const failed = mrz.checks.filter((c) => !c.ok).map((c) => [c.field, c.expected, c.found]);
    assert.deepEqual(failed[0], ['dateOfBirth', 5, '6']);
    assert.deepEqual(
      failed.map(([field]) => field),
      ['dateOfBirth', 'composite'],
    );
    assert.equal(mrz.dateOfBirth, '990201', 'the fields are still read');
  });

  it('reads the ICAO TD1, TD2 and TD3 specimens', () => {
    const td1 = parseMrz('I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<');
    assert.equal(td1.documentNumber, 'D23145890');
    assert.equal(td1.checkDigitsValid, true);
    assert.equal(td1.secondaryIdentifier, 'ANNA MARIA');
    assert.equal(td1.sex, 'F');
    const td2 = parseMrz('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<D231458907UTO7408122F1204159<<<<<<<6');
    assert.equal(td2.format, 'TD2');
    assert.equal(td2.checkDigitsValid, true);
    assert.equal(td2.primaryIdentifier, 'ERIKSSON');
    const td3 = parseMrz('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10');
    assert.equal(td3.format, 'TD3');
    assert.equal(td3.documentNumber, 'L898902C3');
    assert.equal(td3.optionalData, 'ZE184226B');
    assert.equal(td3.nationality, 'UTO');
    assert.equal(td3.checkDigitsValid, true);
    assert.deepEqual(
      td3.checks.map((c) => c.field),
      ['documentNumber', 'dateOfBirth', 'dateOfExpiry', 'optionalData', 'composite'],
    );
  });

  it('joins a long TD1 document number from the optional data', () => {
    const zone = composeTd1Mrz({
      documentNumber: 'D23145890123',
      optionalData: 'XYZ',
      dateOfBirth: '740812',
      sex: 'F',
      dateOfExpiry: '120415',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifier: 'ANNA',
    });
    assert.equal(zone.slice(14, 15), '<');
    const mrz = parseMrz(zone);
    assert.equal(mrz.documentNumber, 'D23145890123');
    assert.equal(mrz.optionalData, 'XYZ');
    assert.equal(mrz.checkDigitsValid, true);
  });

  it('refuses zones of the wrong size or alphabet', () => {
    assert.throws(() => parseMrz(CCCD.join('').slice(1)), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseMrz(CCCD.join('').replace('N', 'n')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseDg1(fromHex('6103 5F1F00')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseDg1(fromHex('6203 5F1F00')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseDg1(fromHex('6105 5F1F05')), (e) => isEmrtdError(e, 'tlv-malformed'));
  });

  it('splits names on the first double filler', () => {
    assert.deepEqual(splitMrzName('TRAN<THI<<MAI<<<<'), { primary: 'TRAN THI', secondary: 'MAI' });
    assert.deepEqual(splitMrzName('MONONYM<<<<<'), { primary: 'MONONYM', secondary: '' });
    assert.deepEqual(splitMrzName('NOSEPARATOR'), { primary: 'NOSEPARATOR', secondary: '' });
  });
});
