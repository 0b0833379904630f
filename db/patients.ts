/**
 * Patients: lookups by every identifier the desk is handed, ranked name search
 * on the diacritic-free form, and saving with the duplicate rules (the same
 * CCCD is refused; the same name + birth date + sex, or phone, is a warning).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { createNameSearch } from './name-search.ts';
import { AppError } from '../domain/errors.ts';
import { parseIsoPartialDate } from '../domain/identity/partial-date.ts';
import {
  nameSearchForm,
  RelativeSchema,
  type DuplicateWarning,
  type Patient,
  type PatientFields,
  type PatientSaveResult,
} from '../domain/patient.ts';

interface PatientRow {
  id: number;
  cccd: string | null;
  bhxh_number: string | null;
  full_name: string;
  birth_date: string;
  sex: Patient['sex'];
  address: string | null;
  phone: string | null;
  relatives: string;
  created_at: string;
  updated_at: string;
}

export interface NameSearchOptions {
  birthYear?: number;
  limit: number;
}

export interface PatientRepository {
  get(id: number): Patient | undefined;
  findByCccd(cccd: string): Patient | undefined;
  findByOldIdNumber(idNumber: string): Patient[];
  findByBhxhNumber(bhxhNumber: string): Patient[];
  findByPhone(phone: string): Patient[];
  /**
   * Names with every typed word, in any order; the last word may be unfinished
   * ("nguyen va"). Ranked in tiers: the whole name as typed, then names where
   * every word is whole ("an" finds An before Anh), then with the last word as
   * a prefix; by bm25 within a tier.
   */
  searchByName(tokens: readonly string[], options: NameSearchOptions): Patient[];
  duplicates(fields: PatientFields, exceptId?: number): DuplicateWarning[];
  /** Registers (no id) or updates (id) a patient; PATIENT_DUPLICATE when another patient has the CCCD. */
  save(fields: PatientFields, id?: number): PatientSaveResult;
}

const COLUMNS = 'p.id, p.cccd, p.bhxh_number, p.full_name, p.birth_date, p.sex, p.address, p.phone, p.relatives, p.created_at, p.updated_at';
const MAX_MATCHES = 50;

export function createPatientRepository(db: Database.Database, now: () => Date = () => new Date()): PatientRepository {
  const byId = db.prepare<[number], PatientRow>(`SELECT ${COLUMNS} FROM patients p WHERE p.id = ?`);
  const byCccd = db.prepare<[string], PatientRow>(`SELECT ${COLUMNS} FROM patients p WHERE p.cccd = ?`);
  const byBhxh = db.prepare<[string, number], PatientRow>(`SELECT ${COLUMNS} FROM patients p WHERE p.bhxh_number = ? LIMIT ?`);
  const byPhone = db.prepare<[string, number], PatientRow>(`SELECT ${COLUMNS} FROM patients p WHERE p.phone = ? LIMIT ?`);
  const byOldId = db.prepare<[string, number], PatientRow>(
    `SELECT ${COLUMNS} FROM patient_old_ids o JOIN patients p ON p.id = o.patient_id WHERE o.id_number = ? LIMIT ?`,
  );
  const byName = createNameSearch(db);
  const byWholeName = db.prepare<[string, number], PatientRow>(`SELECT ${COLUMNS} FROM patients p WHERE p.name_search = ? LIMIT ?`);
  const byWholeNameAndYear = db.prepare<[string, string, string, number], PatientRow>(
    `SELECT ${COLUMNS} FROM patients p WHERE p.name_search = ? AND p.birth_date >= ? AND p.birth_date < ? LIMIT ?`,
  );
  const oldIdsOf = db.prepare<[number], { id_number: string }>('SELECT id_number FROM patient_old_ids WHERE patient_id = ? ORDER BY id_number');
  const sameNameBirthSex = db.prepare<[string, string, string, number], PatientRow>(
    `SELECT ${COLUMNS} FROM patients p WHERE p.name_search = ? AND p.birth_date = ? AND p.sex = ? AND p.id != ? LIMIT 10`,
  );
  const samePhone = db.prepare<[string, number], PatientRow>(`SELECT ${COLUMNS} FROM patients p WHERE p.phone = ? AND p.id != ? LIMIT 10`);
  const insert = db.prepare(
    `INSERT INTO patients (cccd, bhxh_number, full_name, name_search, birth_date, birth_year, sex, address, phone, relatives, created_at, updated_at)
     VALUES (@cccd, @bhxh_number, @full_name, @name_search, @birth_date, @birth_year, @sex, @address, @phone, @relatives, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE patients SET cccd = @cccd, bhxh_number = @bhxh_number, full_name = @full_name, name_search = @name_search,
       birth_date = @birth_date, birth_year = @birth_year, sex = @sex, address = @address, phone = @phone,
       relatives = @relatives, updated_at = @at
     WHERE id = @id`,
  );
  const clearOldIds = db.prepare<[number]>('DELETE FROM patient_old_ids WHERE patient_id = ?');
  const addOldId = db.prepare<[number, string]>('INSERT OR IGNORE INTO patient_old_ids (patient_id, id_number) VALUES (?, ?)');

  const toPatient = (row: PatientRow): Patient => ({
    id: row.id,
    ...(row.cccd === null ? {} : { cccd: row.cccd }),
    oldIdNumbers: oldIdsOf.all(row.id).map((r) => r.id_number),
    ...(row.bhxh_number === null ? {} : { bhxhNumber: row.bhxh_number }),
    fullName: row.full_name,
    birthDate: row.birth_date,
    sex: row.sex,
    ...(row.address === null ? {} : { address: row.address }),
    ...(row.phone === null ? {} : { phone: row.phone }),
    relatives: RelativeSchema.array().catch([]).parse(JSON.parse(row.relatives)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const duplicates = (fields: PatientFields, exceptId = 0): DuplicateWarning[] => {
    const warnings = new Map<string, DuplicateWarning>();
    const warn = (reason: DuplicateWarning['reason'], row: PatientRow): void => {
      const key = `${reason}:${row.id}`;
      if (!warnings.has(key)) warnings.set(key, { reason, patientId: row.id, fullName: row.full_name, birthDate: row.birth_date });
    };
    for (const row of sameNameBirthSex.all(nameSearchForm(fields.fullName), fields.birthDate, fields.sex, exceptId)) {
      warn('same-name-birth-date-sex', row);
    }
    if (fields.phone) for (const row of samePhone.all(fields.phone, exceptId)) warn('same-phone', row);
    return [...warnings.values()];
  };

  const refuseDuplicateCccd = (fields: PatientFields, id: number | undefined): void => {
    if (!fields.cccd) return;
    const holder = byCccd.get(fields.cccd);
    if (holder && holder.id !== id) {
      throw new AppError('PATIENT_DUPLICATE', 'Another patient is registered with this CCCD number', { patientId: holder.id });
    }
  };

  const write = db.transaction((fields: PatientFields, id: number | undefined): PatientSaveResult => {
    const birth = parseIsoPartialDate(fields.birthDate);
    if (!birth) throw new AppError('BAD_INPUT', 'The birth date is not a calendar date');
    if (id !== undefined && !byId.get(id)) throw new AppError('PATIENT_NOT_FOUND', `No patient ${id}`);
    refuseDuplicateCccd(fields, id);
    const warnings = duplicates(fields, id);
    const row = {
      cccd: fields.cccd ?? null,
      bhxh_number: fields.bhxhNumber ?? null,
      full_name: fields.fullName.normalize('NFC'),
      name_search: nameSearchForm(fields.fullName),
      birth_date: fields.birthDate,
      birth_year: birth.year,
      sex: fields.sex,
      address: fields.address?.normalize('NFC') ?? null,
      phone: fields.phone ?? null,
      relatives: JSON.stringify(fields.relatives.map((r) => ({ ...r, relation: r.relation.normalize('NFC'), name: r.name.normalize('NFC') }))),
      at: now().toISOString(),
    };
    let savedId: number;
    try {
      if (id === undefined) savedId = Number(insert.run(row).lastInsertRowid);
      else {
        update.run({ ...row, id });
        savedId = id;
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AppError('PATIENT_DUPLICATE', 'Another patient is registered with this CCCD number');
      }
      throw error;
    }
    clearOldIds.run(savedId);
    for (const oldId of fields.oldIdNumbers) addOldId.run(savedId, oldId);
    return { patient: toPatient(byId.get(savedId)!), warnings };
  });

  return {
    get: (id) => {
      const row = byId.get(id);
      return row && toPatient(row);
    },
    findByCccd: (cccd) => {
      const row = byCccd.get(cccd);
      return row && toPatient(row);
    },
    findByOldIdNumber: (idNumber) => byOldId.all(idNumber, MAX_MATCHES).map(toPatient),
    findByBhxhNumber: (bhxhNumber) => byBhxh.all(bhxhNumber, MAX_MATCHES).map(toPatient),
    findByPhone: (phone) => byPhone.all(phone, MAX_MATCHES).map(toPatient),
    searchByName: (tokens, { birthYear, limit }) => {
      const words = tokens.flatMap((token) => nameSearchForm(token).split(' ')).filter(Boolean);
      if (words.length === 0) return [];
      const wanted = Math.min(limit, MAX_MATCHES);
      const typed = words.join(' ');
      const rows =
        birthYear === undefined
          ? byWholeName.all(typed, wanted)
          : byWholeNameAndYear.all(typed, String(birthYear), String(birthYear + 1), wanted);
      const seen = new Set(rows.map((row) => row.id));
      for (const typeAhead of [false, true]) {
        if (rows.length >= wanted) break;
        const options = { typeAhead, limit: wanted + rows.length, ...(birthYear === undefined ? {} : { birthYear }) };
        for (const id of byName(words, options)) {
          if (rows.length >= wanted) break;
          if (!seen.has(id)) {
            seen.add(id);
            rows.push(byId.get(id)!);
          }
        }
      }
      return rows.map(toPatient);
    },
    duplicates,
    save: (fields, id) => write(fields, id),
  };
}
