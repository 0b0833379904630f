/**
 * Identity reads (chip, QR, typed) and the chip photos they refer to, with the
 * retention purge: photos and raw reads older than the configured number of
 * days are deleted; the fact of the read (who, when, how verified) stays.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export type IdentityReadSource = 'chip' | 'qr' | 'typed';

export interface IdentityReadInput {
  patientId?: number;
  source: IdentityReadSource;
  /** e.g. the passive-authentication status of a chip read, or "unverified". */
  verification: string;
  photo?: { mime: string; bytes: Uint8Array };
  /** The read as parsed, for the clerk's later comparison; purged by retention. */
  raw?: unknown;
}

export interface IdentityRead {
  id: number;
  patientId?: number;
  source: IdentityReadSource;
  verification: string;
  photoId?: number;
  raw?: unknown;
  readAt: string;
}

export interface PurgeCounts {
  photos: number;
  rawReads: number;
}

export interface IdentityReadRepository {
  record(read: IdentityReadInput): IdentityRead;
  forPatient(patientId: number, limit?: number): IdentityRead[];
  photo(photoId: number): { mime: string; bytes: Buffer } | undefined;
  purgeOlderThan(days: number): PurgeCounts;
}

interface ReadRow {
  id: number;
  patient_id: number | null;
  source: IdentityReadSource;
  verification: string;
  photo_id: number | null;
  raw: string | null;
  read_at: string;
}

const DAY_MS = 86_400_000;

export function createIdentityReadRepository(db: Database.Database, now: () => Date = () => new Date()): IdentityReadRepository {
  const insertPhoto = db.prepare<[string, Uint8Array, string]>('INSERT INTO identity_photos (mime, bytes, created_at) VALUES (?, ?, ?)');
  const insertRead = db.prepare<[number | null, string, string, number | null, string | null, string]>(
    'INSERT INTO identity_reads (patient_id, source, verification, photo_id, raw, read_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[number], ReadRow>('SELECT * FROM identity_reads WHERE id = ?');
  const byPatient = db.prepare<[number, number], ReadRow>(
    'SELECT * FROM identity_reads WHERE patient_id = ? ORDER BY read_at DESC LIMIT ?',
  );
  const photoById = db.prepare<[number], { mime: string; bytes: Buffer }>('SELECT mime, bytes FROM identity_photos WHERE id = ?');
  const deletePhotos = db.prepare<[string]>('DELETE FROM identity_photos WHERE created_at < ?');
  const clearRaw = db.prepare<[string]>('UPDATE identity_reads SET raw = NULL WHERE raw IS NOT NULL AND read_at < ?');

  const toRead = (row: ReadRow): IdentityRead => ({
    id: row.id,
    ...(row.patient_id === null ? {} : { patientId: row.patient_id }),
    source: row.source,
    verification: row.verification,
    ...(row.photo_id === null ? {} : { photoId: row.photo_id }),
    ...(row.raw === null ? {} : { raw: JSON.parse(row.raw) as unknown }),
    readAt: row.read_at,
  });

  const record = db.transaction((read: IdentityReadInput): IdentityRead => {
    const at = now().toISOString();
    const photoId = read.photo ? Number(insertPhoto.run(read.photo.mime, read.photo.bytes, at).lastInsertRowid) : null;
    const raw = read.raw === undefined ? null : JSON.stringify(read.raw);
    const id = Number(insertRead.run(read.patientId ?? null, read.source, read.verification, photoId, raw, at).lastInsertRowid);
    return toRead(byId.get(id)!);
  });

  const purge = db.transaction((days: number): PurgeCounts => {
    const cutoff = new Date(now().getTime() - days * DAY_MS).toISOString();
    // identity_reads.photo_id is ON DELETE SET NULL: the reads lose their photo reference with the photo.
    const photos = deletePhotos.run(cutoff).changes;
    const rawReads = clearRaw.run(cutoff).changes;
    return { photos, rawReads };
  });

  return {
    record: (read) => record(read),
    forPatient: (patientId, limit = 20) => byPatient.all(patientId, limit).map(toRead),
    photo: (photoId) => photoById.get(photoId),
    purgeOlderThan: (days) => {
      if (!Number.isFinite(days) || days < 0) throw new RangeError('retention days must be a non-negative number');
      return purge(days);
    },
  };
}
