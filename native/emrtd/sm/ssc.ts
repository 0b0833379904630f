/** Adds one to a big-endian send sequence counter in place, wrapping to zero like the chip. */
export function incrementSsc(ssc: Uint8Array): void {
  for (let i = ssc.length - 1; i >= 0; i--) {
    const next = ((ssc[i] as number) + 1) & 0xff;
    ssc[i] = next;
    if (next !== 0) return;
  }
}
