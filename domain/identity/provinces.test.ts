import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findBirthRegistrationProvince, findProvinceByAdminCode, PROVINCE_CODES, type ProvinceCode } from './provinces.ts';

describe('province codes', () => {
  it('lists the 63 provinces before the 2025 merger, each code once', () => {
    assert.equal(PROVINCE_CODES.length, 63);
    assert.equal(new Set(PROVINCE_CODES.map((p) => p.code)).size, 63);
    assert.equal(new Set(PROVINCE_CODES.map((p) => p.name)).size, 63);
    for (const row of PROVINCE_CODES) {
      assert.match(row.code, /^0\d{2}$/);
      assert.equal(row.adminCode, row.code.slice(1));
      assert.equal(row.name, row.name.normalize('NFC'));
    }
  });

  it('finds provinces by CCCD code and by administrative code', () => {
    assert.equal(findBirthRegistrationProvince('001')?.name, 'Hà Nội');
    assert.equal(findBirthRegistrationProvince('079')?.name, 'TP Hồ Chí Minh');
    assert.equal(findBirthRegistrationProvince('096', 1990)?.name, 'Cà Mau');
    assert.equal(findBirthRegistrationProvince('003'), undefined);
    assert.equal(findBirthRegistrationProvince('999'), undefined);
    assert.equal(findProvinceByAdminCode('46')?.name, 'Thừa Thiên Huế');
    assert.equal(findProvinceByAdminCode('00'), undefined);
  });

  it('picks the row in force in the birth year when a code list changes', () => {
    // A made-up later list, to show that rows with effective dates need no code change.
    const table: ProvinceCode[] = [
      { code: '024', adminCode: '24', name: 'Old name', validFrom: null, validTo: '2025-06-30' },
      { code: '024', adminCode: '24', name: 'New name', validFrom: '2025-07-01', validTo: null },
    ];
    assert.equal(findBirthRegistrationProvince('024', 1990, table)?.name, 'Old name');
    assert.equal(findBirthRegistrationProvince('024', 2026, table)?.name, 'New name');
    assert.equal(findBirthRegistrationProvince('024', 2025, table)?.name, 'New name', 'the later row wins inside the change year');
    assert.equal(findBirthRegistrationProvince('024', undefined, table)?.name, 'New name');
  });
});
