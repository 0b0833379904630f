/**
 * The demo menu behind demo.*: puts sample cards on the demo reader and has
 * the demo scanner scan sample codes. Each sample's virtual card is made
 * once (its keys take a moment to generate) and kept for the run.
 */
import type { DemoStatus } from '../../domain/demo-api.ts';
import { AppError } from '../../domain/errors.ts';
import type { CardPki } from '../../native/sim/cccd-card-options.ts';
import { createCard, type CccdCard } from '../../native/sim/cccd-card.ts';
import type { DemoReader } from '../../native/sim/demo/demo-reader.ts';
import { DEMO_CARDS, DEMO_CODES, demoCard, demoCode } from '../../native/sim/demo/demo-samples.ts';
import type { DemoScanner } from '../../native/sim/demo/demo-scanner.ts';

export interface DemoMenu {
  /** Whether the real station's demo switch opened demo mode when this demo started (a demo run cannot change it). */
  readonly switchAtStart: boolean;
  status(): DemoStatus;
  insertCard(cardId: string): Promise<DemoStatus>;
  removeCard(): DemoStatus;
  scan(codeId: string): DemoStatus;
}

export interface DemoMenuOptions {
  switchAtStart: boolean;
  dataDir: string;
  reader: DemoReader;
  scanner: DemoScanner;
  /** The passive-authentication chain the sample cards are signed with (trusted in the demo data folder). */
  pki: CardPki;
}

export function createDemoMenu(options: DemoMenuOptions): DemoMenu {
  const { reader, scanner } = options;
  const cards = new Map<string, Promise<CccdCard>>();
  let onReader: string | null = null;

  const cardFor = (id: string): Promise<CccdCard> => {
    const sample = demoCard(id);
    if (!sample) throw new AppError('BAD_INPUT', `No sample card "${id}"`);
    let made = cards.get(id);
    if (!made) {
      made = createCard({ profile: sample.profile, pki: options.pki });
      // A failed build is not remembered: the next tap tries again.
      made.catch(() => cards.delete(id));
      cards.set(id, made);
    }
    return made;
  };

  const status = (): DemoStatus => ({
    cards: DEMO_CARDS.map(({ id, kind, profile, registered }) => ({
      id,
      kind,
      fullName: profile.fullName,
      idNumber: profile.idNumber,
      dateOfBirth: profile.dateOfBirth,
      sex: profile.sex,
      registered,
    })),
    codes: DEMO_CODES.map(({ id, kind, cardId, inScanMenu }) => ({ id, kind, inScanMenu, ...(cardId ? { cardId } : {}) })),
    cardOnReader: reader.card ? onReader : null,
    dataDir: options.dataDir,
  });

  return {
    switchAtStart: options.switchAtStart,
    status,
    async insertCard(cardId) {
      const card = await cardFor(cardId);
      reader.insert(card);
      onReader = cardId;
      return status();
    },
    removeCard() {
      reader.remove();
      onReader = null;
      return status();
    },
    scan(codeId) {
      const code = demoCode(codeId);
      if (!code) throw new AppError('BAD_INPUT', `No sample code "${codeId}"`);
      if (!scanner.scan(code.text)) throw new AppError('DEVICES_RESTARTING', 'The demo scanner is not running yet; try again in a moment');
      return status();
    },
  };
}
