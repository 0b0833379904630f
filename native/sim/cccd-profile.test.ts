import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeCccdNumber } from '../../domain/identity/cccd-number.ts';
import { mrzCheckDigit } from '../emrtd/bac/mrz-key.ts';
import { cccdMrz, NO_EXPIRY_MRZ_DATE } from './cccd-mrz.ts';
import { CccdProfileSchema, DEFAULT_PHOTO_PATH, DEFAULT_PROFILE, loadPhoto, loadProfile, type CccdProfileInput } from './cccd-profile.ts';

describe('CCCD profile', () => {
  it('has a default holder whose ID digits agree with the stated birth year and sex', () => {
    const decoded = decodeCccdNumber(DEFAULT_PROFILE.idNumber);
    assert.ok(decoded);
    assert.equal(decoded.province, 'Hà Nội');
    assert.equal(decoded.birthYearFromId, Number(DEFAULT_PROFILE.dateOfBirth.slice(0, 4)));
    assert.equal(decoded.sexFromId, DEFAULT_PROFILE.sex);
  });

  it('normalises names to NFC, fills defaults, and refuses impossible data', () => {
    const base: CccdProfileInput = { ...DEFAULT_PROFILE };
    const decomposed = CccdProfileSchema.parse({ ...base, fullName: 'Nguyễn Thị Ánh'.normalize('NFD') });
    assert.equal(decomposed.fullName, 'Nguyễn Thị Ánh'.normalize('NFC'));
    const minimal = CccdProfileSchema.parse({
      idNumber: '079195000123',
      fullName: 'Trần Thị Bé',
      dateOfBirth: '1995-12-01',
      sex: 'female',
      placeOfOrigin: 'Quận 1, TP. Hồ Chí Minh',
      placeOfResidence: 'Quận 3, TP. Hồ Chí Minh',
      dateOfIssue: '2024-07-01',
      dateOfExpiry: null,
    });
    assert.deepEqual(
      [minimal.nationality, minimal.ethnicity, minimal.religion, minimal.identifyingMarks, minimal.generation],
      ['Việt Nam', 'Kinh', 'Không', 'Không', '2021'],
    );
    assert.equal(CccdProfileSchema.safeParse({ ...base, idNumber: '12345678901' }).success, false);
    assert.equal(CccdProfileSchema.safeParse({ ...base, dateOfBirth: '1990-02-30' }).success, false);
    assert.equal(CccdProfileSchema.safeParse({ ...base, dateOfExpiry: '2020-01-01' }).success, false);
    assert.equal(CccdProfileSchema.safeParse({ ...base, oldIdNumber: '1234' }).success, false);
    assert.equal(CccdProfileSchema.safeParse({ ...base, nickname: 'An' }).success, false, 'unknown fields are typos');
  });

  it('loads a JSON file with its photo path relative to the file, and explains what is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cccd-profile-'));
    try {
      const file = join(dir, 'holder.json');
      await writeFile(file, JSON.stringify({ ...DEFAULT_PROFILE, photo: 'face.jpg' }));
      assert.equal((await loadProfile(file)).photo, join(dir, 'face.jpg'));
      await writeFile(file, JSON.stringify({ ...DEFAULT_PROFILE, idNumber: 'x' }));
      await assert.rejects(loadProfile(file), /idNumber/);
      await writeFile(file, '{');
      await assert.rejects(loadProfile(file), /not JSON/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('ships a small decodable JPEG as the default face', async () => {
    const photo = await loadPhoto(DEFAULT_PROFILE);
    assert.ok(DEFAULT_PHOTO_PATH.endsWith('.jpg'));
    assert.deepEqual([...photo.subarray(0, 3)], [0xff, 0xd8, 0xff], 'JPEG start of image');
    assert.deepEqual([...photo.subarray(-2)], [0xff, 0xd9], 'JPEG end of image');
    assert.ok(photo.length > 10_000 && photo.length <= 25_000, `${photo.length} bytes`);
  });
});

describe('CCCD MRZ (TD1)', () => {
  it('reproduces the synthetic example of the research notes, check digits included', () => {
    const profile = CccdProfileSchema.parse({
      ...DEFAULT_PROFILE,
      idNumber: '001099012345',
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '1999-02-01',
      dateOfIssue: '2020-01-01',
      dateOfExpiry: '2024-02-01',
    });
    const mrz = cccdMrz(profile);
    assert.deepEqual(mrz.lines, ['IDVNM0990123459001099012345<<0', '9902015M2402011VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<']);
    assert.deepEqual(mrz.key, { documentNumber: '099012345', dateOfBirth: '990201', dateOfExpiry: '240201' });
  });

  it('folds Vietnamese letters, Đ included, into the name line', () => {
    const mrz = cccdMrz({ ...DEFAULT_PROFILE, fullName: 'Đặng Thị Ngọc Ánh' });
    assert.equal(mrz.lines[2], 'DANG<<THI<NGOC<ANH<<<<<<<<<<<<');
  });

  it('writes an agreed placeholder expiry for a card without one, with a valid check digit', () => {
    const mrz = cccdMrz({ ...DEFAULT_PROFILE, dateOfExpiry: null });
    assert.equal(mrz.key.dateOfExpiry, NO_EXPIRY_MRZ_DATE);
    assert.equal(mrz.lines[1].slice(8, 15), `${NO_EXPIRY_MRZ_DATE}${mrzCheckDigit(NO_EXPIRY_MRZ_DATE)}`);
    assert.ok(mrz.lines.every((line) => line.length === 30));
  });
});
