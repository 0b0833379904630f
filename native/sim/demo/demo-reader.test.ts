import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../domain/errors.ts';
import { createCardReading } from '../../devicehost/card-reading.ts';
import { readChip } from '../../devicehost/chip-read.ts';
import { createCard } from '../cccd-card.ts';
import { createCardPki } from '../cccd-pki.ts';
import { createDemoReader, DEMO_READER_NAME } from './demo-reader.ts';
import { DEMO_CARDS } from './demo-samples.ts';

const sample = DEMO_CARDS[0]!;

function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  return assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);
}

describe('demo reader', () => {
  it('reports one PC/SC reader, empty until a card is put on it, and announces each change', async () => {
    const reader = createDemoReader();
    let changes = 0;
    reader.start(() => (changes += 1));
    assert.deepEqual(reader.snapshot(), { pcsc: { state: 'available' }, readers: [{ name: DEMO_READER_NAME, cardPresent: false }] });
    const card = await createCard({ profile: sample.profile });
    reader.insert(card);
    const [present] = reader.snapshot().readers;
    assert.equal(present?.cardPresent, true);
    assert.match(present?.atr ?? '', /^[0-9A-F]+$/);
    reader.remove();
    assert.equal(reader.snapshot().readers[0]?.cardPresent, false);
    assert.equal(changes, 2);
    await rejectsWith(reader.connect(DEMO_READER_NAME), 'CARD_ABSENT');
    await rejectsWith(reader.connect('Another reader'), 'READER_NOT_FOUND');
  });

  it('reads a sample card through the host card-reading path (PACE with the ID number, secure messaging, every file)', async () => {
    const reader = createDemoReader();
    reader.start(() => {});
    reader.insert(await createCard({ profile: sample.profile, pki: createCardPki() }));
    const steps: string[] = [];
    const read = createCardReading({ snapshot: () => reader.snapshot(), connect: (name) => reader.connect(name), readChip, onProgress: (p) => steps.push(p.step) });
    const outcome = await read({ key: { kind: 'cccd-id', id: sample.profile.idNumber }, photo: true });
    assert.equal(outcome.reader, DEMO_READER_NAME);
    assert.equal(outcome.access.protocol, 'PACE-CAN');
    for (const file of ['DG1', 'DG2', 'DG13', 'EF.SOD'] as const) assert.ok(outcome.files[file], `${file} read`);
    assert.equal(outcome.active.status, 'passed');
    assert.ok(steps.includes('authenticating') && steps.includes('reading'));
  });

  it('refuses a wrong access key as the chip does', async () => {
    const reader = createDemoReader();
    reader.start(() => {});
    reader.insert(await createCard({ profile: sample.profile }));
    const read = createCardReading({ snapshot: () => reader.snapshot(), connect: (name) => reader.connect(name), readChip, onProgress: () => {} });
    await rejectsWith(read({ key: { kind: 'can', can: '000000' }, photo: false }), 'ACCESS_DENIED');
  });

  it('fails a read in progress as CARD_REMOVED when the card is taken off', async () => {
    const reader = createDemoReader();
    reader.start(() => {});
    reader.insert(await createCard({ profile: sample.profile }));
    let commands = 0;
    const read = createCardReading({
      snapshot: () => reader.snapshot(),
      connect: async (name) => {
        const session = await reader.connect(name);
        return {
          ...session,
          transmit: async (apdu: Uint8Array) => {
            commands += 1;
            if (commands === 6) reader.remove();
            return session.transmit(apdu);
          },
          close: () => session.close(),
        };
      },
      readChip,
      onProgress: () => {},
    });
    await rejectsWith(read({ key: { kind: 'cccd-id', id: sample.profile.idNumber }, photo: true }), 'CARD_REMOVED');
  });
});
