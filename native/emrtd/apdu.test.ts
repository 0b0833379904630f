import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeCommand,
  describeSw,
  encodeCommand,
  encodeResponse,
  headerHex,
  isAccessDenial,
  isSuccess,
  parseResponse,
  requireSuccess,
  sendCommand,
  SW,
  type CommandApdu,
} from './apdu.ts';
import { fromHex, toHex } from './bytes.ts';
import { EmrtdError, isEmrtdError } from './errors.ts';

const select = { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: fromHex('A0000002471001') };

describe('encodeCommand', () => {
  it('encodes the four short cases', () => {
    assert.equal(toHex(encodeCommand({ cla: 0x00, ins: 0x84, p1: 0, p2: 0 })), '00840000');
    assert.equal(toHex(encodeCommand({ cla: 0x00, ins: 0x84, p1: 0, p2: 0, ne: 8 })), '0084000008');
    assert.equal(toHex(encodeCommand(select)), '00A4040C07A0000002471001');
    assert.equal(toHex(encodeCommand({ ...select, ne: 256 })), '00A4040C07A000000247100100');
  });

  it('encodes extended lengths when the data or Ne needs them', () => {
    assert.equal(toHex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 257 })), '00B00000000101');
    assert.equal(toHex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65536 })), '00B00000000000');
    const long = encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(300) });
    assert.equal(toHex(long.subarray(0, 7)), '00D6000000012C');
    assert.equal(long.length, 7 + 300);
    const both = encodeCommand({ cla: 0, ins: 0x86, p1: 0, p2: 0, data: new Uint8Array(300), ne: 65536 });
    assert.equal(toHex(both.subarray(-2)), '0000');
    assert.equal(both.length, 7 + 300 + 2);
  });

  it('encodes extended lengths on request', () => {
    assert.equal(toHex(encodeCommand({ ...select, ne: 256 }, { extended: true })), '00A4040C000007A00000024710010100');
  });

  it('refuses out-of-range fields with a typed error', () => {
    const bad: CommandApdu[] = [
      { cla: 0x100, ins: 0, p1: 0, p2: 0 },
      { cla: 0, ins: 0, p1: -1, p2: 0 },
      { cla: 0, ins: 0, p1: 0, p2: 0, ne: 0 },
      { cla: 0, ins: 0, p1: 0, p2: 0, ne: 65537 },
      { cla: 0, ins: 0, p1: 0, p2: 0, data: new Uint8Array(65536) },
    ];
    for (const command of bad) assert.throws(() => encodeCommand(command), (e) => isEmrtdError(e, 'apdu-malformed'));
  });
});

describe('decodeCommand', () => {
  it('round-trips every case, short and extended', () => {
    const commands: CommandApdu[] = [
      { cla: 0, ins: 0x84, p1: 0, p2: 0 },
      { cla: 0, ins: 0x84, p1: 0, p2: 0, ne: 8 },
      { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 256 },
      select,
      { ...select, ne: 1 },
      { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 65536 },
      { cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256).fill(7) },
      { cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256).fill(7), ne: 1000 },
    ];
    for (const command of commands) {
      const decoded = decodeCommand(encodeCommand(command));
      assert.deepEqual(
        { cla: decoded.cla, ins: decoded.ins, p1: decoded.p1, p2: decoded.p2, data: decoded.data, ne: decoded.ne },
        { ...command, data: command.data ?? new Uint8Array(0), ne: command.ne },
      );
    }
  });

  it('refuses bodies whose length fields do not add up', () => {
    for (const hex of ['00A404', '00A4040C05A0', '00A4040C01A0B0C0', '00B00000000005AA', '00B000000000']) {
      assert.throws(() => decodeCommand(fromHex(hex)), (e) => isEmrtdError(e, 'apdu-malformed'), hex);
    }
  });
});

describe('responses and status words', () => {
  it('splits data from the status word', () => {
    assert.deepEqual(parseResponse(fromHex('60145F019000')), { data: fromHex('60145F01'), sw: 0x9000 });
    assert.deepEqual(parseResponse(fromHex('6A82')), { data: new Uint8Array(0), sw: 0x6a82 });
    assert.equal(toHex(encodeResponse(fromHex('01'), 0x6282)), '016282');
    assert.throws(() => parseResponse(fromHex('90')), (e) => isEmrtdError(e, 'apdu-malformed'));
  });

  it('classifies and describes status words', () => {
    assert.equal(isSuccess(0x9000), true);
    assert.equal(isSuccess(0x6110), true);
    assert.equal(isSuccess(0x6282), false);
    assert.equal(isAccessDenial(SW.SECURITY_STATUS_NOT_SATISFIED), true);
    assert.equal(isAccessDenial(0x63c2), true);
    assert.equal(isAccessDenial(SW.FILE_NOT_FOUND), false);
    assert.equal(describeSw(0x6a82), '6A82 file not found');
    assert.equal(describeSw(0x6c10), '6C10 wrong Le, 16 bytes available');
    assert.equal(headerHex(fromHex('0CB000000D')), '0C B0 00 00');
  });

  it('requireSuccess names the step and maps denials to ACCESS_DENIED', () => {
    assert.deepEqual(requireSuccess({ data: fromHex('01'), sw: 0x9000 }, 'READ'), fromHex('01'));
    assert.throws(
      () => requireSuccess({ data: new Uint8Array(0), sw: 0x6982 }, 'READ BINARY'),
      (e) => e instanceof EmrtdError && e.kind === 'status-word' && e.sw === 0x6982 && e.code === 'ACCESS_DENIED' && /READ BINARY/.test(e.message),
    );
    assert.throws(
      () => requireSuccess({ data: new Uint8Array(0), sw: 0x6a82 }, 'SELECT'),
      (e) => e instanceof EmrtdError && e.code === 'INTERNAL',
    );
  });

  it('sendCommand encodes, transmits and parses', async () => {
    const seen: string[] = [];
    const response = await sendCommand(async (apdu) => {
      seen.push(toHex(apdu));
      return fromHex('01029000');
    }, { cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 2 });
    assert.deepEqual(seen, ['00B0000002']);
    assert.deepEqual(response, { data: fromHex('0102'), sw: 0x9000 });
  });
});
