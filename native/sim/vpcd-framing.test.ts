import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeFrame, FrameDecoder } from './vpcd-framing.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('vpcd framing', () => {
  it('prefixes the payload with its length, big-endian', () => {
    assert.deepEqual(encodeFrame(bytes(0x90, 0x00)), bytes(0x00, 0x02, 0x90, 0x00));
    const long = new Uint8Array(0x0123).fill(0xaa);
    assert.deepEqual(encodeFrame(long).subarray(0, 3), bytes(0x01, 0x23, 0xaa));
    assert.equal(encodeFrame(long).length, 0x0125);
    assert.throws(() => encodeFrame(new Uint8Array(0x10000)), RangeError);
  });

  it('decodes a control byte and an APDU frame from a split at every byte boundary', () => {
    const apdu = bytes(0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);
    const stream = concat(encodeFrame(bytes(0x04)), encodeFrame(apdu));
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      assert.deepEqual(frames, [bytes(0x04), apdu], `split at ${cut}`);
      assert.equal(decoder.pendingBytes, 0);
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const stream = concat(encodeFrame(bytes(0x01)), encodeFrame(bytes(0x02)), encodeFrame(bytes(0x00, 0xb0, 0x00, 0x00, 0x00)));
    const decoder = new FrameDecoder();
    const frames = [...stream].flatMap((byte) => decoder.push(bytes(byte)));
    assert.deepEqual(frames, [bytes(0x01), bytes(0x02), bytes(0x00, 0xb0, 0x00, 0x00, 0x00)]);
  });

  it('returns several frames from one chunk, in order, and keeps a trailing partial frame', () => {
    const decoder = new FrameDecoder();
    const chunk = concat(encodeFrame(bytes(0x00)), encodeFrame(bytes(0x01)), encodeFrame(bytes(0x04)), bytes(0x00, 0x05, 0x00, 0xa4));
    assert.deepEqual(decoder.push(chunk), [bytes(0x00), bytes(0x01), bytes(0x04)]);
    assert.equal(decoder.pendingBytes, 4);
    assert.deepEqual(decoder.push(bytes(0x04, 0x00, 0x00)), [bytes(0x00, 0xa4, 0x04, 0x00, 0x00)]);
    assert.equal(decoder.pendingBytes, 0);
  });

  it('decodes an empty frame without stalling the ones after it', () => {
    const decoder = new FrameDecoder();
    assert.deepEqual(decoder.push(concat(encodeFrame(bytes()), encodeFrame(bytes(0x04)))), [bytes(), bytes(0x04)]);
  });
});
