import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { buildDg13, type Dg13Fields } from '../testing/lds-builders.ts';
import { encodeConstructed, encodeTlv } from '../tlv.ts';
import { parseDg13, parseDg13Date } from './dg13.ts';

// Invented holder: no real person's data.
const FIELDS: Dg13Fields = {
  idNumber: '001099012345',
  fullName: 'Nguyễn Văn A',
  dateOfBirth: '01/02/1999',
  sex: 'Nam',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Thử, Huyện Mẫu, Tỉnh Giả',
  placeOfResidence: 'Số 1, Đường Thử, Phường Mẫu, Quận Giả, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:2cm trên đầu mày trái',
  dateOfIssue: '01/02/2021',
  dateOfExpiry: '01/02/2024',
  fatherName: 'Nguyễn Văn B',
  motherName: 'Trần Thị C',
  oldIdNumber: '012345678',
  field16: '0123456789ABCDEF',
};

describe('DG13', () => {
  it('reads every field by number, parents one SEQUENCE per person (as on real cards)', () => {
    const dg13 = parseDg13(buildDg13(FIELDS));
    assert.equal(dg13.version, 1);
    assert.equal(dg13.encoding, '1.0.10646.1.0.8');
    assert.equal(dg13.idNumber, '001099012345');
    assert.equal(dg13.fullName, 'Nguyễn Văn A');
    assert.deepEqual(dg13.dateOfBirth, { text: '01/02/1999', iso: '1999-02-01', precision: 'day' });
    assert.equal(dg13.sex, 'Nam');
    assert.equal(dg13.nationality, 'Việt Nam');
    assert.equal(dg13.ethnicity, 'Kinh');
    assert.equal(dg13.religion, 'Không');
    assert.equal(dg13.placeOfOrigin, FIELDS.placeOfOrigin);
    assert.equal(dg13.placeOfResidence, FIELDS.placeOfResidence);
    assert.equal(dg13.identifyingMarks, FIELDS.identifyingMarks);
    assert.equal(dg13.dateOfIssue?.iso, '2021-02-01');
    assert.equal(dg13.dateOfExpiry?.iso, '2024-02-01');
    assert.equal(dg13.fatherName, 'Nguyễn Văn B');
    assert.equal(dg13.motherName, 'Trần Thị C');
    assert.deepEqual(dg13.spouses, []);
    assert.equal(dg13.spouseName, undefined);
    assert.equal(dg13.oldIdNumber, '012345678');
    assert.deepEqual(dg13.raw, [{ field: 16, hex: `1310${toHex(Buffer.from('0123456789ABCDEF'))}`, text: '0123456789ABCDEF' }]);
    assert.deepEqual(dg13.problems, []);
  });

  it('reads parents in one SEQUENCE, a spouse, and tolerates zero padding after the TLV', () => {
    const dg13 = parseDg13(buildDg13({ ...FIELDS, spouseName: 'Lê Thị D' }, { parentsLayout: 'one-sequence', padding: 16 }));
    assert.deepEqual(dg13.parents, ['Nguyễn Văn B', 'Trần Thị C']);
    assert.equal(dg13.spouseName, 'Lê Thị D');
  });

  it('does not depend on field order, keeps unknown fields raw and marks an absent father', () => {
    const name = encodeConstructed(0x30, encodeTlv(0x02, Uint8Array.of(2)), encodeTlv(0x0c, new TextEncoder().encode('B')));
    const id = encodeConstructed(0x30, encodeTlv(0x02, Uint8Array.of(1)), encodeTlv(0x13, new TextEncoder().encode('001')));
    const odd = encodeConstructed(0x30, encodeTlv(0x02, Uint8Array.of(20)), encodeTlv(0x04, Uint8Array.of(1, 2)));
    const parents = encodeConstructed(0x30, encodeTlv(0x02, Uint8Array.of(13)), encodeConstructed(0x30), encodeConstructed(0x30, encodeTlv(0x0c, new TextEncoder().encode('M'))));
    const body = encodeConstructed(0x30, encodeTlv(0x02, Uint8Array.of(1)), encodeConstructed(0x31, name, odd, parents, id));
    const dg13 = parseDg13(encodeTlv(0x6d, body));
    assert.equal(dg13.idNumber, '001');
    assert.equal(dg13.fullName, 'B');
    assert.equal(dg13.encoding, undefined);
    assert.deepEqual(dg13.parents, ['', 'M']);
    assert.equal(dg13.fatherName, undefined);
    assert.equal(dg13.motherName, 'M');
    assert.deepEqual(dg13.raw, [{ field: 20, hex: '04020102', text: undefined }]);
  });

  it('decodes BMPString as UTF-16BE and normalises to NFC', () => {
    const decomposed = 'Nguye\u0302\u0303n'; // "Nguyễn" with combining marks
    const bmp = Buffer.from(decomposed, 'utf16le').swap16();
    const field = encodeConstructed(0x30, encodeTlv(0x02, Uint8Array.of(2)), encodeTlv(0x1e, new Uint8Array(bmp)));
    const dg13 = parseDg13(encodeTlv(0x6d, encodeConstructed(0x30, encodeConstructed(0x31, field))));
    assert.equal(dg13.fullName, 'Nguyễn');
    assert.equal(dg13.fullName, 'Nguyễn'.normalize('NFC'));
  });

  it('parses dates with their precision and keeps the text of non-dates', () => {
    assert.deepEqual(parseDg13Date('29/02/2024'), { text: '29/02/2024', iso: '2024-02-29', precision: 'day' });
    assert.deepEqual(parseDg13Date('00/05/1950'), { text: '00/05/1950', iso: '1950-05', precision: 'month' });
    assert.deepEqual(parseDg13Date('00/00/1950'), { text: '00/00/1950', iso: '1950', precision: 'year' });
    assert.deepEqual(parseDg13Date('1950'), { text: '1950', iso: '1950', precision: 'year' });
    assert.equal(parseDg13Date('29/02/2023').iso, undefined);
    assert.equal(parseDg13Date('Không thời hạn').iso, undefined);
    assert.equal(parseDg13Date('Không thời hạn').text, 'Không thời hạn');
  });

  it('refuses a data group without its structure', () => {
    assert.throws(() => parseDg13(fromHex('6D00')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseDg13(fromHex('6D02 3000')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseDg13(fromHex('6E02 3000')), (e) => isEmrtdError(e, 'lds-malformed'));
  });

  it('throws nothing but EmrtdError on arbitrary bytes (property)', () => {
    const valid = buildDg13(FIELDS);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseDg13(bytes);
        } catch (error) {
          assert.ok(isEmrtdError(error), String(error));
        }
      }),
      { numRuns: 2000 },
    );
    // Mutations of a valid file reach deeper into the parser than random bytes.
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length), (at, value, cut) => {
        const mutated = Uint8Array.from(valid);
        mutated[at] = value;
        for (const candidate of [mutated, mutated.slice(0, cut), concatBytes(mutated, Uint8Array.of(value))]) {
          try {
            parseDg13(candidate);
          } catch (error) {
            assert.ok(isEmrtdError(error), String(error));
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
