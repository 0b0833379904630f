import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { buildEfCom } from '../testing/lds-builders.ts';
import { parseEfCom } from './ef-com.ts';
import { dataGroupOfTag, dataGroupTag } from './tags.ts';

describe('EF.COM', () => {
  it('reads the ICAO Appendix D.4 example', () => {
    assert.deepEqual(parseEfCom(fromHex('60145F0104303130365F36063034303030305C026175')), {
      ldsVersion: '1.6',
      unicodeVersion: '4.0.0',
      dataGroups: [1, 2],
      unknownTags: [],
    });
  });

  it('round-trips the CCCD data groups, ignoring padding', () => {
    const com = parseEfCom(Uint8Array.from([...buildEfCom([1, 2, 3, 13, 15, 14]), 0, 0, 0]));
    assert.deepEqual(com.dataGroups, [1, 2, 3, 13, 15, 14]);
    assert.equal(com.ldsVersion, '1.7');
  });

  it('maps tags and data groups both ways', () => {
    for (let dg = 1; dg <= 16; dg++) assert.equal(dataGroupOfTag(dataGroupTag(dg)), dg);
    assert.equal(dataGroupOfTag(0x77), undefined);
  });

  it('refuses a file without a tag list or with bad versions', () => {
    assert.throws(() => parseEfCom(fromHex('6006 5F0102 3031 0000').slice(0, 8)), (e) => isEmrtdError(e));
    assert.throws(() => parseEfCom(fromHex('6009 5F0102 3031 5C026175')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseEfCom(fromHex('6004 5F010100')), (e) => isEmrtdError(e, 'tlv-malformed'));
  });
});
