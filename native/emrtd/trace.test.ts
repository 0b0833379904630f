import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex } from './bytes.ts';
import { traceTransmit, type ApduTrace } from './trace.ts';

function clock(...times: number[]): () => number {
  return () => times.shift() ?? 0;
}

describe('traceTransmit', () => {
  it('reports header, lengths, SW and time, without data bytes by default', async () => {
    const traces: ApduTrace[] = [];
    const transmit = traceTransmit(async () => fromHex('60145F019000'), { onApdu: (t) => traces.push(t), now: clock(10, 14.5) });
    const response = await transmit(fromHex('00B0000004'));
    assert.deepEqual(response, fromHex('60145F019000'));
    assert.deepEqual(traces, [{ header: '00 B0 00 00', commandLength: 5, responseLength: 4, sw: '9000', ms: 4.5 }]);
  });

  it('adds the bytes when debugging', async () => {
    const traces: ApduTrace[] = [];
    const transmit = traceTransmit(async () => fromHex('6A82'), { onApdu: (t) => traces.push(t), showData: true, now: clock(0, 1) });
    await transmit(fromHex('00A4020C02011E'));
    assert.equal(traces[0]?.command, '00A4020C02011E');
    assert.equal(traces[0]?.response, '6A82');
    assert.equal(traces[0]?.sw, '6A82');
  });

  it('reports a failed transmit and rethrows', async () => {
    const traces: ApduTrace[] = [];
    const failure = new Error('card removed');
    const transmit = traceTransmit(
      async () => {
        throw failure;
      },
      { onApdu: (t) => traces.push(t), now: clock(0, 3) },
    );
    await assert.rejects(transmit(fromHex('00B0000004')), (e) => e === failure);
    assert.deepEqual(traces, [{ header: '00 B0 00 00', commandLength: 5, responseLength: undefined, sw: undefined, ms: 3, error: 'card removed' }]);
  });
});
