/**
 * vpcd's wire framing, the same in both directions: a big-endian uint16 length,
 * then that many payload bytes. TCP delivers arbitrary chunks, so the decoder
 * keeps what it has until a whole frame is there.
 */

export const MAX_FRAME_PAYLOAD = 0xffff;

export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_FRAME_PAYLOAD) {
    throw new RangeError(`vpcd frame payload too long: ${payload.length} bytes`);
  }
  const frame = new Uint8Array(2 + payload.length);
  frame[0] = payload.length >> 8;
  frame[1] = payload.length & 0xff;
  frame.set(payload, 2);
  return frame;
}

export class FrameDecoder {
  #pending: Uint8Array = new Uint8Array(0);

  /** Adds a chunk and returns every frame payload it completed, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    // A plain view, so slices are copies (a Buffer's slice would share memory with the socket's chunk).
    const plain = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buffer = concat(this.#pending, plain);
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (buffer.length - offset >= 2) {
      const length = ((buffer[offset] ?? 0) << 8) | (buffer[offset + 1] ?? 0);
      if (buffer.length - offset - 2 < length) break;
      frames.push(buffer.slice(offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    this.#pending = buffer.slice(offset);
    return frames;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.#pending.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
