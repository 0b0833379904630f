import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { concatBytes, fromHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { CCCD_CARD_ACCESS, choosePaceInfo, parseCardAccess } from './card-access.ts';
import { paceProtocol, paceProtocolOid, PACE_ECDH_GM_AES_CBC_CMAC_128 } from './protocols.ts';

describe('PACE protocol OIDs', () => {
  it('reads mapping and cipher from the OID', () => {
    assert.deepEqual(paceProtocol('0.4.0.127.0.7.2.2.4.2.2'), {
      oid: '0.4.0.127.0.7.2.2.4.2.2',
      agreement: 'ECDH',
      mapping: 'GM',
      cipher: 'aes128',
    });
    assert.equal(paceProtocol('0.4.0.127.0.7.2.2.4.2.4')?.cipher, 'aes256');
    assert.equal(paceProtocol('0.4.0.127.0.7.2.2.4.1.1')?.agreement, 'DH');
    assert.equal(paceProtocol('0.4.0.127.0.7.2.2.4.6.3')?.mapping, 'CAM');
    assert.equal(paceProtocol('0.4.0.127.0.7.2.2.4.2'), undefined, 'a domain parameter info OID names no cipher');
    assert.equal(paceProtocol('0.4.0.127.0.7.2.2.3.2.2'), undefined, 'chip authentication is not PACE');
    assert.equal(paceProtocolOid('ECDH', 'GM', 'aes128'), PACE_ECDH_GM_AES_CBC_CMAC_128);
  });
});

describe('EF.CardAccess', () => {
  it('parses the CCCD content: PACE ECDH-GM AES-128 v2 on brainpoolP256r1, plus TA and CA', () => {
    const access = parseCardAccess(CCCD_CARD_ACCESS);
    assert.deepEqual(
      access.securityInfos.map((info) => info.protocol),
      ['0.4.0.127.0.7.2.2.2', '0.4.0.127.0.7.2.2.3.2.2', '0.4.0.127.0.7.2.2.4.2.2'],
    );
    assert.equal(access.paceInfos.length, 1);
    const [pace] = access.paceInfos;
    assert.equal(pace?.protocol.oid, PACE_ECDH_GM_AES_CBC_CMAC_128);
    assert.equal(pace?.version, 2);
    assert.equal(pace?.parameterId, 13);
    assert.equal(choosePaceInfo(access.paceInfos), pace);
  });

  it('ignores padding after the SET', () => {
    assert.equal(parseCardAccess(concatBytes(CCCD_CARD_ACCESS, new Uint8Array(8))).paceInfos.length, 1);
  });

  it('refuses to choose a PACE it cannot run', () => {
    const dhOnly = fromHex('3114 3012 060A04007F00070202040102 020102 02010D'.replace(/ /g, ''));
    assert.throws(() => choosePaceInfo(parseCardAccess(dhOnly).paceInfos), (e) => isEmrtdError(e, 'unsupported'));
    const explicitParameters = fromHex('3111 300F 060A04007F00070202040202 020102');
    assert.equal(parseCardAccess(explicitParameters).paceInfos[0]?.parameterId, undefined);
    assert.throws(() => choosePaceInfo(parseCardAccess(explicitParameters).paceInfos), (e) => isEmrtdError(e, 'unsupported'));
  });

  it('refuses malformed content with a typed error', () => {
    for (const hex of [
      '3034', // truncated
      '3000', // not a SET
      '3102 0500', // an info that is not a SEQUENCE
      '3104 3002 0500', // no OID
      '3105 3003 060100', // OID without required data
      '3116 3014 060A04007F00070202040202 020102 02010D 0500', // extra field in PACEInfo
      '3111 300F 060A04007F00070202040202 0401FF', // version not an INTEGER
    ]) {
      assert.throws(() => parseCardAccess(fromHex(hex)), (e) => isEmrtdError(e, 'tlv-malformed'), hex);
    }
  });
});
