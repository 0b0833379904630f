import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResponse } from '../apdu.ts';
import { choosePaceInfo, CCCD_CARD_ACCESS, parseCardAccess } from '../pace/card-access.ts';
import { performPace } from '../pace/pace.ts';
import { SecureChannel } from '../sm/secure-channel.ts';
import { createChipModel } from '../testing/chip-model.ts';
import { chipAuthenticationPublicKey } from '../testing/chip-ca.ts';
import { syntheticFiles, SYNTHETIC_HOLDER } from '../testing/chip-fixtures.ts';
import { transmitTo } from '../testing/scripted.ts';
import { selectApplication } from './access.ts';
import { ReaderChannel } from './channel.ts';
import { CA_ECDH_AES_CBC_CMAC_128, chipAuthenticate, chipAuthenticationCurve } from './chip-authentication.ts';
import { FileReader } from './file-reader.ts';
import { dataGroupFile } from './files.ts';

const key = { privateKey: 0x5eed5eed5eed5eed5eed5eed5eed5eed5eed5eedn, parameterId: 13, keyId: 7 };
const files = syntheticFiles();

async function paceSession() {
  const chip = createChipModel({ can: SYNTHETIC_HOLDER.can, files, chipAuthentication: key });
  const raw = transmitTo(chip);
  const info = choosePaceInfo(parseCardAccess(CCCD_CARD_ACCESS).paceInfos);
  const { sessionKeys } = await performPace(raw, { kind: 'can', can: SYNTHETIC_HOLDER.can }, info);
  const channel = new ReaderChannel(raw);
  channel.startSecureMessaging(sessionKeys);
  await selectApplication(channel.transmit);
  return { chip, raw, channel, sessionKeys };
}

describe('chip authentication', () => {
  it('switches the session to the new keys: the PACE keys no longer open the chip', async () => {
    const { raw, channel, sessionKeys } = await paceSession();
    const input = { protocol: CA_ECDH_AES_CBC_CMAC_128, curve: 'brainpoolP256r1', publicKey: chipAuthenticationPublicKey(key), keyId: 7 };
    const result = await chipAuthenticate(channel, input);
    assert.deepEqual(result, { status: 'passed', protocol: CA_ECDH_AES_CBC_CMAC_128, sessionIntact: true });
    assert.deepEqual((await new FileReader(channel).read(dataGroupFile(1))).content, files[0x0101]);

    const stale = new SecureChannel({ ...sessionKeys, ssc: new Uint8Array(16) }, raw);
    const refused = parseResponse(await stale.transmit(Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, 0x01, 0x01)));
    assert.equal(refused.sw, 0x6988);
  });

  it('reports a key ID the chip does not have as not supported, with the session intact', async () => {
    const { channel } = await paceSession();
    const input = { protocol: CA_ECDH_AES_CBC_CMAC_128, parameterId: 13, publicKey: chipAuthenticationPublicKey(key), keyId: 8 };
    const result = await chipAuthenticate(channel, input);
    assert.equal(result.status, 'not-supported');
    assert.equal(result.sessionIntact, true);
    assert.deepEqual((await new FileReader(channel).read(dataGroupFile(1))).content, files[0x0101]);
  });

  it('refuses unknown protocols and curves before sending anything', async () => {
    const { channel } = await paceSession();
    const dh = await chipAuthenticate(channel, { protocol: '0.4.0.127.0.7.2.2.3.1.2', parameterId: 13, publicKey: chipAuthenticationPublicKey(key) });
    assert.equal(dh.status, 'not-supported');
    assert.throws(() => chipAuthenticationCurve({ curve: 'secp256k1' }));
    assert.equal(chipAuthenticationCurve({ curve: 'prime256v1' }).id, 12);
  });
});
