import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultClinic, fitsClinicAges } from './clinic-choice.ts';
import { ageOn } from './priority.ts';
import type { Clinic } from './visit.ts';

const ALL = ['bhyt', 'fee-paying', 'on-demand'] as const;
const internal: Clinic = { id: 'K01', name: 'Nội tổng hợp', room: null, serviceCode: null, visitTypes: [...ALL] };
const paediatrics: Clinic = { id: 'K02', name: 'Nhi', room: null, serviceCode: null, visitTypes: [...ALL], ages: { fromYears: null, underYears: 16 } };
const geriatrics: Clinic = { id: 'K03', name: 'Lão khoa', room: null, serviceCode: null, visitTypes: ['fee-paying'], ages: { fromYears: 60, underYears: null } };
const DAY = '2026-12-07';
const age = (year: number, month?: number, day?: number) =>
  ageOn(day ? { precision: 'day', year, month: month!, day } : month ? { precision: 'month', year, month } : { precision: 'year', year }, DAY);

describe('the default clinic', () => {
  it('sends a child to paediatrics, listed after the adult clinic or not', () => {
    assert.equal(defaultClinic([internal, paediatrics], 'bhyt', age(2023, 5, 20))?.id, 'K02');
    assert.equal(defaultClinic([paediatrics, internal], 'bhyt', age(2011, 1, 1))?.id, 'K02', '15 years old');
  });

  it('sends an adult to the first clinic without an age rule', () => {
    assert.equal(defaultClinic([paediatrics, internal], 'bhyt', age(1985, 7, 12))?.id, 'K01');
    assert.equal(defaultClinic([paediatrics, internal], 'bhyt', age(2010, 12, 7))?.id, 'K01', '16 today');
  });

  it('follows the visit type before the age', () => {
    assert.equal(defaultClinic([internal, paediatrics, geriatrics], 'fee-paying', age(1940, 2, 10))?.id, 'K03');
    assert.equal(defaultClinic([internal, paediatrics, geriatrics], 'bhyt', age(1940, 2, 10))?.id, 'K01');
  });

  it('does not guess from a birth year that straddles the limit', () => {
    assert.equal(fitsClinicAges(paediatrics, age(2010)), null, 'born some time in 2010: 15 or 16');
    assert.equal(defaultClinic([internal, paediatrics], 'bhyt', age(2010))?.id, 'K01');
    assert.equal(defaultClinic([internal, paediatrics], 'bhyt', null)?.id, 'K01');
  });

  it('falls back to the first clinic when none fits', () => {
    assert.equal(defaultClinic([paediatrics], 'bhyt', age(1980))?.id, 'K02');
    assert.equal(defaultClinic([], 'bhyt', null), undefined);
  });
});
