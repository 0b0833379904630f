import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { before, describe, it } from 'node:test';
import { decode as decodePng } from 'fast-png';
import { concatBytes, fromHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { buildDg2, buildFacialRecord } from '../testing/lds-builders.ts';
import { encodeConstructed, encodeTlv } from '../tlv.ts';
import { parseDg2 } from './dg2.ts';
import { detectImageFormat } from './image-format.ts';
import { decodeJpeg2000, jpeg2000ToPng } from './jpeg2000.ts';

/** A JPEG-looking payload: the parser does not decode JPEG, it only passes it on. */
const FAKE_JPEG = fromHex('FFD8FFE000104A46494600010100000100010000FFD9');

interface Encoder {
  getDecodedBuffer(info: object): Uint8Array;
  setDecompositions(n: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
}

/** A lossless J2K codestream made at test time with OpenJPEG's encoder, and the pixels it holds. */
async function encodeJ2k(width: number, height: number, components: number): Promise<{ codestream: Uint8Array; pixels: Uint8Array }> {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-openjpeg/wasmjs') as (o: object) => Promise<{ J2KEncoder: new () => Encoder }>;
  const codec = await factory({ print: () => {}, printErr: () => {} });
  const encoder = new codec.J2KEncoder();
  const pixels = encoder.getDecodedBuffer({ width, height, bitsPerSample: 8, componentCount: components, isSigned: false, isUsingColorTransform: false });
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + (i >> 5)) & 0xff;
  const expected = Uint8Array.from(pixels);
  encoder.setDecompositions(2);
  encoder.encode();
  return { codestream: Uint8Array.from(encoder.getEncodedBuffer()), pixels: expected };
}

function box(type: string, body: Uint8Array): Uint8Array {
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, 8 + body.length);
  header.set(Buffer.from(type, 'latin1'), 4);
  return concatBytes(header, body);
}

/** A minimal JP2 file around a codestream (signature, ftyp, jp2h with ihdr and colr, jp2c). */
function jp2File(codestream: Uint8Array, width: number, height: number, components: number): Uint8Array {
  const ihdr = new Uint8Array(14);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, height);
  view.setUint32(4, width);
  view.setUint16(8, components);
  ihdr[10] = 7;
  ihdr[11] = 7;
  const colr = Uint8Array.of(1, 0, 0, 0, 0, 0, components === 1 ? 17 : 16);
  return concatBytes(
    box('jP  ', fromHex('0D0A870A')),
    box('ftyp', Buffer.from('jp2 \0\0\0\0jp2 ', 'latin1')),
    box('jp2h', concatBytes(box('ihdr', ihdr), box('colr', colr))),
    box('jp2c', codestream),
  );
}

describe('DG2', () => {
  it('returns the JPEG with its size from the ISO 19794-5 record', () => {
    const dg2 = parseDg2(buildDg2({ image: FAKE_JPEG, width: 480, height: 640 }));
    assert.equal(dg2.declaredCount, 1);
    assert.equal(dg2.faces.length, 1);
    const [face] = dg2.faces;
    assert.equal(face?.mimeType, 'image/jpeg');
    assert.equal(face?.source, 'iso19794-5');
    assert.equal(face?.imageDataType, 0);
    assert.equal(face?.width, 480);
    assert.equal(face?.height, 640);
    assert.deepEqual(face?.image, FAKE_JPEG);
  });

  it('finds the image by magic bytes when the record header is odd', () => {
    const record = buildFacialRecord({ image: FAKE_JPEG, width: 1, height: 1 });
    record[0] = 0x58; // not "FAC\0"
    const dg2 = encodeTlv(0x75, encodeConstructed(0x7f61, encodeTlv(0x02, Uint8Array.of(1)), encodeConstructed(0x7f60, encodeConstructed(0xa1), encodeTlv(0x7f2e, record))));
    const face = parseDg2(dg2).faces[0];
    assert.equal(face?.source, 'magic-scan');
    assert.deepEqual(face?.image, FAKE_JPEG);
    assert.equal(face?.width, undefined);
  });

  it('refuses a DG2 without an image', () => {
    const empty = encodeTlv(0x75, encodeConstructed(0x7f61, encodeTlv(0x02, Uint8Array.of(0))));
    assert.throws(() => parseDg2(empty), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseDg2(fromHex('7500')), (e) => isEmrtdError(e, 'lds-malformed'));
  });
});

describe('JPEG 2000', () => {
  let j2k: { codestream: Uint8Array; pixels: Uint8Array };
  before(async () => {
    j2k = await encodeJ2k(40, 30, 3);
  });

  it('is recognised in DG2 as a codestream and as a JP2 file', () => {
    assert.equal(detectImageFormat(j2k.codestream), 'image/j2k');
    const jp2 = jp2File(j2k.codestream, 40, 30, 3);
    const face = parseDg2(buildDg2({ image: jp2, width: 40, height: 30 })).faces[0];
    assert.equal(face?.mimeType, 'image/jp2');
    assert.equal(face?.imageDataType, 1);
  });

  it('decodes a codestream and a JP2 file losslessly and converts them to PNG', async () => {
    for (const input of [j2k.codestream, jp2File(j2k.codestream, 40, 30, 3)]) {
      const decoded = await decodeJpeg2000(input);
      assert.deepEqual([decoded.width, decoded.height, decoded.channels, decoded.depth], [40, 30, 3, 8]);
      assert.deepEqual(decoded.data, j2k.pixels);
      const { png, width, height } = await jpeg2000ToPng(input);
      assert.deepEqual([width, height], [40, 30]);
      const back = decodePng(png);
      assert.deepEqual([back.width, back.height, back.channels], [40, 30, 3]);
      assert.deepEqual(Uint8Array.from(back.data), j2k.pixels);
    }
  });

  it('converts greyscale too', async () => {
    const grey = await encodeJ2k(16, 16, 1);
    const back = decodePng((await jpeg2000ToPng(grey.codestream)).png);
    assert.equal(back.channels, 1);
    assert.deepEqual(Uint8Array.from(back.data), grey.pixels);
  });

  it('reports bytes that are not JPEG 2000 as an EmrtdError', async () => {
    await assert.rejects(jpeg2000ToPng(Buffer.from('not an image at all')), (e) => isEmrtdError(e, 'lds-malformed'));
  });
});
