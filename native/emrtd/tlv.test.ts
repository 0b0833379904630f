import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeOid, decodeSmallInteger, encodeOid } from './asn1.ts';
import { fromHex, toHex } from './bytes.ts';
import { isEmrtdError } from './errors.ts';
import { childrenOf, decodeFirstTlv, decodeTlv, decodeTlvAt, decodeTlvList, encodeConstructed, encodeLength, encodeTlv, requireTlv } from './tlv.ts';

const malformed = (e: unknown) => isEmrtdError(e, 'tlv-malformed');

describe('BER-TLV', () => {
  it('decodes one- and multi-byte tags', () => {
    const mrz = decodeTlv(fromHex('5F1F03414243'));
    assert.equal(mrz.tag, 0x5f1f);
    assert.equal(mrz.constructed, false);
    assert.deepEqual(mrz.value, fromHex('414243'));
    const key = decodeTlv(fromHex('7F4903860100'));
    assert.equal(key.tag, 0x7f49);
    assert.equal(key.constructed, true);
    assert.equal(decodeTlv(fromHex('9F8101 01 AA')).tag, 0x9f8101);
    assert.equal(decodeTlv(fromHex('9F818101 01 AA')).tag, 0x9f818101);
  });

  it('decodes long-form lengths', () => {
    const value = new Uint8Array(300).fill(0xab);
    const encoded = fromHex(`75 82012C ${toHex(value)}`);
    const tlv = decodeTlv(encoded);
    assert.equal(tlv.tag, 0x75);
    assert.equal(tlv.value.length, 300);
    assert.deepEqual(tlv.encoded, encoded);
    assert.equal(decodeTlv(fromHex('04 8101 FF')).value.length, 1, 'a non-minimal long form is still BER');
  });

  it('walks nested structures (EF.COM)', () => {
    const com = decodeTlv(fromHex('60145F0104303130365F36063034303030305C026175'));
    assert.equal(com.tag, 0x60);
    const children = childrenOf(com);
    assert.deepEqual(
      children.map((c) => c.tag),
      [0x5f01, 0x5f36, 0x5c],
    );
    assert.deepEqual(requireTlv(children, 0x5c, 'EF.COM').value, fromHex('6175'));
  });

  it('encodes tags, lengths and nested elements', () => {
    assert.equal(toHex(encodeLength(0x7f)), '7F');
    assert.equal(toHex(encodeLength(0x80)), '8180');
    assert.equal(toHex(encodeLength(0x12c)), '82012C');
    assert.equal(toHex(encodeLength(0x10000)), '83010000');
    assert.equal(toHex(encodeTlv(0x5f1f, fromHex('41'))), '5F1F0141');
    assert.equal(toHex(encodeConstructed(0x7c, encodeTlv(0x80, fromHex('0102')))), '7C0480020102');
    const round = encodeTlv(0x7f61, new Uint8Array(1000));
    assert.deepEqual(decodeTlv(round).value, new Uint8Array(1000));
  });

  it('reads a padded file by its TLV length, and lists consecutive elements', () => {
    assert.deepEqual(decodeFirstTlv(fromHex('6D0102 00000000')).value, fromHex('02'));
    assert.deepEqual(
      decodeTlvList(fromHex('8001AA8100')).map((t) => t.tag),
      [0x80, 0x81],
    );
    assert.equal(decodeTlvAt(fromHex('8001AA8100'), 3).tlv.tag, 0x81);
    assert.deepEqual(decodeTlvList(new Uint8Array(0)), []);
  });

  it('refuses malformed input with a typed error', () => {
    const cases = [
      '', // nothing
      '5F', // truncated tag
      '5F80 01 00', // tag number with a leading zero
      '5F8181818101 00', // tag longer than four bytes
      '80', // missing length
      '80 80 00 00', // indefinite length
      '80 85 0000000001 00', // length of five bytes
      '80 82 01', // truncated length
      '80 05 0102', // value longer than the input
      '80 01 AA BB', // trailing byte
    ];
    for (const hex of cases) assert.throws(() => decodeTlv(fromHex(hex)), malformed, hex || '(empty)');
    assert.throws(() => childrenOf(decodeTlv(fromHex('8001AA'))), malformed);
    assert.throws(() => requireTlv([], 0x5c, 'EF.COM'), malformed);
  });

  it('ends on any input: random bytes either decode or fail with tlv-malformed', () => {
    let state = 0x12345678;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 24;
    };
    for (let round = 0; round < 3000; round++) {
      const input = Uint8Array.from({ length: next() % 24 }, next);
      try {
        const list = decodeTlvList(input);
        for (const tlv of list) if (tlv.constructed) childrenOf(tlv);
      } catch (error) {
        assert.ok(malformed(error), `unexpected ${String(error)}`);
      }
    }
  });
});

describe('ASN.1 values', () => {
  it('decodes and encodes object identifiers', () => {
    assert.equal(decodeOid(fromHex('04007F00070202040202')), '0.4.0.127.0.7.2.2.4.2.2');
    assert.equal(decodeOid(fromHex('28D316010008')), '1.0.10646.1.0.8');
    assert.equal(decodeOid(fromHex('678108010101')), '2.23.136.1.1.1');
    assert.equal(toHex(encodeOid('0.4.0.127.0.7.2.2.4.2.2')), '060A04007F00070202040202');
    assert.equal(toHex(encodeOid('1.0.10646.1.0.8')), '060628D316010008');
    assert.throws(() => decodeOid(fromHex('2B86')), malformed);
    assert.throws(() => decodeOid(fromHex('2B8001')), malformed);
    assert.throws(() => decodeOid(new Uint8Array(0)), malformed);
  });

  it('decodes small non-negative integers', () => {
    assert.equal(decodeSmallInteger(fromHex('0D')), 13);
    assert.equal(decodeSmallInteger(fromHex('00FF')), 255);
    assert.throws(() => decodeSmallInteger(fromHex('FF')), malformed);
    assert.throws(() => decodeSmallInteger(new Uint8Array(0)), malformed);
  });
});
