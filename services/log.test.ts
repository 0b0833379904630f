import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, RecentLogLines, recordingRecentErrors, redactRecord, redactText, REDACTED } from './log.ts';

function capture(): { lines: Record<string, unknown>[]; text: () => string; log: ReturnType<typeof createLogger> } {
  const raw: string[] = [];
  const log = createLogger((line) => raw.push(line), 'debug');
  return { lines: raw.map((l) => JSON.parse(l)) as never, text: () => raw.join('\n'), log };
}

describe('redactText', () => {
  it('masks CCCD numbers, BHYT codes, BHXH numbers and old ID numbers', () => {
    assert.equal(redactText('read 001090012345 ok'), 'read [CCCD] ok');
    assert.equal(redactText('card DN4797935000123 checked'), 'card [BHYT] checked');
    assert.equal(redactText('card dn 4797935000123'), 'card [BHYT]');
    assert.equal(redactText('bhxh 7935000123.'), 'bhxh [BHXH].');
    assert.equal(redactText('cmnd=123456789'), 'cmnd=[ID]');
  });

  it('masks phone numbers in the usual ways of writing them', () => {
    for (const phone of ['0912345678', '091 234 5678', '0912.345.678', '+84912345678', '84 912 345 678']) {
      assert.equal(redactText(`call ${phone} now`), 'call [PHONE] now', phone);
    }
  });

  it('masks Vietnamese names and MRZ name fields, in NFC and NFD', () => {
    assert.equal(redactText('saved Nguyễn Văn An today'), 'saved [NAME] today');
    assert.equal(redactText('saved Trần Thị Bích Ngọc'.normalize('NFD')), 'saved [NAME]');
    assert.equal(redactText('mrz NGUYEN<<VAN<AN<<<<'), 'mrz [MRZ]');
  });

  it('masks names written without diacritics: a family name, then a middle name or two more names', () => {
    assert.equal(redactText('holder Tran Thi Bich read'), 'holder [NAME] read');
    assert.equal(redactText('NGUYEN VAN AN; ok'), '[NAME]; ok');
    assert.equal(redactText('for Le Van Tam'), 'for [NAME]');
    assert.equal(redactText('Hoang Minh Duc Anh'), '[NAME]');
    for (const text of ['Hoang', 'Le Loi', 'Device Host Restarted', 'Lesson Plan Ready', 'Totally Fine Here']) assert.equal(redactText(text), text);
  });

  it('masks a scanned CCCD or BHYT QR record whole, unaccented names included', () => {
    assert.equal(redactText('scan 079303001234||Tran Thi Bich|21032003|Nu|12 Le Loi, Quan 1, TP HCM|14082021'), 'scan [QR]');
    assert.equal(redactText('0123456789|4e67|15/08/1990|1|-|01 - 001|$'), '[QR]');
  });

  it('leaves ordinary log text alone', () => {
    for (const text of [
      'device host restarted after 3 s',
      'Đặt lại thẻ lên đầu đọc',
      'Virtual PCD 00 00',
      'ATR 3B8F8001804F0CA0000003060300030000000068',
      '2026-11-23T14:38:35.123Z',
      'The OS Keychain Is Unavailable',
      'port 41234, pid 12345',
    ]) {
      assert.equal(redactText(text), text);
    }
  });
});

describe('redactRecord', () => {
  it("masks a staff member's name and CCCD whatever the key's prefix, and leaves device and file names readable", () => {
    const record = redactRecord({ staffFullName: 'x', staffName: 'y', staffCccd: '1', payerPhone: '2', readerName: 'ACS ACR1252 0', fileName: 'XML0_1.xml' });
    assert.deepEqual(record, { staffFullName: REDACTED, staffName: REDACTED, staffCccd: REDACTED, payerPhone: REDACTED, readerName: 'ACS ACR1252 0', fileName: 'XML0_1.xml' });
  });

  it('masks whole values under keys that name personal data or secrets, at any depth and any spelling', () => {
    const record = redactRecord({
      msg: 'saved',
      fullName: 'Lê Thị Hoa',
      patient: { birth_date: '1990-01-02', Address: 'Hà Nội', contacts: [{ phone: '0912345678' }] },
      credentials: { user: 'his', password: 'hunter2' },
      photo: new Uint8Array(10),
      count: 3,
    });
    assert.deepEqual(record, {
      msg: 'saved',
      fullName: REDACTED,
      patient: { birth_date: REDACTED, Address: REDACTED, contacts: [{ phone: REDACTED }] },
      credentials: REDACTED,
      photo: REDACTED,
      count: 3,
    });
  });

  it('redacts errors, buffers, cycles and big integers without throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const record = redactRecord({ error: new Error('no patient 001090012345'), bytes: Buffer.from('abc'), cyclic, big: 10n });
    assert.deepEqual(record.error, { name: 'Error', message: 'no patient [CCCD]' });
    assert.equal(record.bytes, '[3 bytes]');
    assert.deepEqual(record.cyclic, { a: 1, self: '[circular]' });
    assert.equal(record.big, '10');
  });
});

describe('createLogger', () => {
  it('writes lines with no personal data in the message, fields or bindings', () => {
    const raw: string[] = [];
    const log = createLogger((line) => raw.push(line), 'debug').child({ patientName: 'Phạm Minh Tuấn' });
    log.warn('lookup 001090012345 for Phạm Minh Tuấn failed', { query: 'DN4797935000123', phone: '0912345678', reader: 'Virtual PCD 00 00' });
    const text = raw.join('\n');
    for (const secret of ['001090012345', 'Phạm', 'Tuấn', 'DN4797935000123', '0912345678']) assert.ok(!text.includes(secret), secret);
    const line = JSON.parse(raw[0]!) as Record<string, unknown>;
    assert.equal(line.level, 'warn');
    assert.equal(line.reader, 'Virtual PCD 00 00');
    assert.equal(line.msg, 'lookup [CCCD] for [NAME] failed');
  });

  it('still drops lines below the minimum level', () => {
    const { log, text } = capture();
    const quiet = createLogger(() => assert.fail('written'), 'warn');
    quiet.info('x');
    log.debug('y');
    assert.match(text(), /"msg":"y"/);
  });
});

describe('recordingRecentErrors', () => {
  it('keeps the newest redacted warnings and errors, bounded', () => {
    const recent = new RecentLogLines(2);
    const written: string[] = [];
    const log = recordingRecentErrors(createLogger((line) => written.push(line), 'debug'), recent).child({ component: 'x' });
    log.info('not kept');
    log.warn('first 0912345678');
    log.error('second');
    log.error('third', { name: 'Võ Văn Kiệt' });
    const lines = recent.list().map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => [l.msg, l.component, l.name]),
      [
        ['second', 'x', undefined],
        ['third', 'x', REDACTED],
      ],
    );
    assert.equal(written.length, 4);
    assert.ok(!written.join('').includes('0912345678'));
  });
});
