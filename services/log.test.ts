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

  it('masks a CCCD number written in groups or with a letter stuck to its end', () => {
    for (const cccd of ['001 090 012 345', '001-090-012-345', '0010 9001 2345', '001090012345A', '001090012345a']) {
      assert.equal(redactText(`read ${cccd} ok`), 'read [CCCD] ok', cccd);
    }
  });

  it('masks MRZ lines of the ID card, not only its name field', () => {
    assert.equal(redactText('dg1 IDVNM0123456789001090012345<<8 read'), 'dg1 [MRZ] read');
    assert.equal(redactText('IDVNM0123456789001090012345'), '[MRZ]');
    assert.equal(redactText('line 2: 9008151M3001011VNM<<<<<<<<<<<0'), 'line 2: [MRZ]');
    assert.ok(!redactText('IDVNM0123456789001090012345<<8\n9008151M3001011VNM<<<<<<<<<<<0\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<').match(/\d{6}|NGUYEN/));
  });

  it('masks a BHYT card code with a suffix stuck to it', () => {
    assert.equal(redactText('card HS4011111100000abc checked'), 'card [BHYT] checked');
    assert.equal(redactText('card hs4011111100000-x'), 'card [BHYT]-x');
  });

  it('masks the value after a name or birth-date key written as text, lower-case single words included', () => {
    assert.equal(redactText('ten=an'), `ten=${REDACTED}`);
    assert.equal(redactText('lookup failed: name: an'), `lookup failed: name: ${REDACTED}`);
    assert.equal(redactText('name: an failed: timeout'), `name: ${REDACTED} failed: timeout`);
    assert.equal(redactText('ho_ten=nguyen van an&ngay_sinh=1990-08-15&ma_cskcb=01013'), `ho_ten=${REDACTED}&ngay_sinh=${REDACTED}&ma_cskcb=01013`);
    assert.equal(redactText('{"hoTen":"an","ngaySinh":"15/08/1990","count":3}'), `{"hoTen":"${REDACTED}","ngaySinh":"${REDACTED}","count":3}`);
    assert.equal(redactText('HO_TEN: binh; NGAY_SINH: 1990'), `HO_TEN: ${REDACTED}; NGAY_SINH: ${REDACTED}`);
    assert.equal(redactText('Họ tên: an, Ngày sinh: 15/08/1990'), `Họ tên: ${REDACTED}, Ngày sinh: ${REDACTED}`);
    assert.equal(redactText("ngay_sinh='15081990'"), `ngay_sinh='${REDACTED}'`);
  });

  it('masks secrets written into an address (the gateway puts its token and password in the query string)', () => {
    assert.equal(
      redactText('POST /api/egw/KQNhanLichSuKCB2024?token=abc&id_token=def&username=01013_BV&password=E10ADC3949BA59ABBE56E057F20F883E'),
      `POST /api/egw/KQNhanLichSuKCB2024?token=${REDACTED}&id_token=${REDACTED}&username=01013_BV&password=${REDACTED}`,
    );
  });

  it('keeps the mask another rule already put after a key', () => {
    assert.equal(redactText('cmnd=123456789'), 'cmnd=[ID]');
    assert.equal(redactText('name="Nguyễn Văn An"'), 'name="[NAME]"');
  });

  it('leaves error codes, counts, ids, times, versions, addresses and status words readable', () => {
    for (const text of [
      'HIS_UNAVAILABLE after 3 attempts; code=CARD_REMOVED',
      'count=12 queued: 3, sent: 40',
      'scan-1 shown; visit-42 synced',
      'at 2026-03-02T10:00:00.123+07:00, retry at 10:30:15',
      'date 2026-11-23 10:30:00',
      'took 1234 ms',
      'version 1.4.2, node v24.11.1, electron 38.2.0',
      'SW 6A82 after SELECT; 6982 then 9000',
      'sw=6A82 sw: 6A 82',
      'his at https://192.168.100.200:8443/fhir',
      'Error: socket hang up',
      'IDENTIFICATION FAILED',
      'port 100 200',
    ]) {
      assert.equal(redactText(text), text);
    }
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

  it('masks values under Vietnamese and gateway keys (ho_ten, ngay_sinh, hoTenCb, id_token)', () => {
    const record = redactRecord({ ho_ten: 'an', ten: 'an', ngay_sinh: '1990-08-15', NGAY_SINH: '19900815', hoTenCb: 'x', maThe: 'HS4011111100000', id_token: 't', code: '000' });
    assert.deepEqual(record, { ho_ten: REDACTED, ten: REDACTED, ngay_sinh: REDACTED, NGAY_SINH: REDACTED, hoTenCb: REDACTED, maThe: REDACTED, id_token: REDACTED, code: '000' });
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
