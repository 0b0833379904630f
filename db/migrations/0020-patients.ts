import type { Migration } from './index.ts';

/**
 * Patients, their former ID numbers and BHYT cards, and the name index.
 * `id` is an INTEGER PRIMARY KEY because the FTS table keys on it: an implicit
 * rowid may be renumbered by VACUUM and would desynchronise the index.
 * `name_search` is the diacritic-free form computed in code (it folds "đ",
 * which unicode61 keeps as a letter of its own); the FTS table indexes it with
 * the birth year so "name + year" is one index lookup.
 */
export const migration0020Patients: Migration = {
  version: 20,
  name: 'patients',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        cccd TEXT CHECK (cccd GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
        bhxh_number TEXT CHECK (length(bhxh_number) = 10),
        full_name TEXT NOT NULL CHECK (length(full_name) > 0),
        name_search TEXT NOT NULL,
        birth_date TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]*'),
        birth_year INTEGER NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('male', 'female', 'unspecified')),
        address TEXT,
        phone TEXT,
        relatives TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(relatives)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX patients_cccd ON patients (cccd) WHERE cccd IS NOT NULL;
      CREATE INDEX patients_bhxh_number ON patients (bhxh_number) WHERE bhxh_number IS NOT NULL;
      CREATE INDEX patients_phone ON patients (phone) WHERE phone IS NOT NULL;
      CREATE INDEX patients_name_birth_sex ON patients (name_search, birth_date, sex);

      CREATE TABLE patient_old_ids (
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
        id_number TEXT NOT NULL,
        PRIMARY KEY (patient_id, id_number)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_old_ids_number ON patient_old_ids (id_number);

      CREATE TABLE bhyt_cards (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
        card_number TEXT NOT NULL,
        benefit_level TEXT,
        facility_code TEXT,
        valid_from TEXT,
        valid_to TEXT,
        source TEXT NOT NULL CHECK (source IN ('chip', 'qr', 'typed', 'gateway', 'his')),
        seen_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX bhyt_cards_patient_card ON bhyt_cards (patient_id, card_number, ifnull(valid_from, ''));
      CREATE INDEX bhyt_cards_card_number ON bhyt_cards (card_number);

      CREATE VIRTUAL TABLE patient_names USING fts5 (
        name_search, birth_year,
        content = 'patients', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
      CREATE TRIGGER patients_names_insert AFTER INSERT ON patients BEGIN
        INSERT INTO patient_names (rowid, name_search, birth_year) VALUES (new.id, new.name_search, new.birth_year);
      END;
      CREATE TRIGGER patients_names_delete AFTER DELETE ON patients BEGIN
        INSERT INTO patient_names (patient_names, rowid, name_search, birth_year) VALUES ('delete', old.id, old.name_search, old.birth_year);
      END;
      CREATE TRIGGER patients_names_update AFTER UPDATE OF name_search, birth_year ON patients BEGIN
        INSERT INTO patient_names (patient_names, rowid, name_search, birth_year) VALUES ('delete', old.id, old.name_search, old.birth_year);
        INSERT INTO patient_names (rowid, name_search, birth_year) VALUES (new.id, new.name_search, new.birth_year);
      END;
    `);
  },
};
