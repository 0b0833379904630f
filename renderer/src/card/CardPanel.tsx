import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, DevicesSnapshot } from '../../../domain/api.ts';
import type { CardAccessKey } from '../../../domain/card.ts';
import { Notice } from '../home/Notice.tsx';
import { Panel } from '../home/Panel.tsx';
import { StatusPill } from '../home/StatusPill.tsx';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { useArmedCardKey, type ArmedCardKey } from '../scan/scan-context.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { useCardTestEvents } from '../testing/use-card-test-events.ts';
import { accessKeyFromText } from './access-key-input.ts';
import { CardProgressList } from './CardProgressList.tsx';
import { CardResultView } from './CardResultView.tsx';
import { useCardRead } from './use-card-read.ts';

interface CardPanelProps {
  client: ApiClient;
  devices: DevicesSnapshot | undefined;
  /** Goes up by one when the next patient starts: the last read and the typed number leave, the ID box takes the focus. */
  patientRound: number;
}

/** A typed ID number that a CCCD scan also gave: the scan's dates let BAC open a chip that refuses PACE. */
function withScannedDates(key: CardAccessKey | undefined, armed: ArmedCardKey | undefined): CardAccessKey | undefined {
  if (key?.kind !== 'cccd-id' || !armed || key.id !== armed.id) return key;
  return {
    ...key,
    ...(armed.dateOfBirth === undefined ? {} : { dateOfBirth: armed.dateOfBirth }),
    ...(armed.dateOfIssue === undefined ? {} : { dateOfIssue: armed.dateOfIssue }),
  };
}

/**
 * The clerk types the ID number (or CAN) and taps the card: a card arriving while
 * a valid number is typed is read at once; Enter reads a card already on the reader.
 * A CCCD QR scan fills the number in (arms the read), so the tap alone is enough.
 */
export function CardPanel({ client, devices, patientRound }: CardPanelProps) {
  const { t } = useTranslation();
  const { view, read, clear } = useCardRead(client);
  const [text, setText] = useState('');
  const [showInvalid, setShowInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const armed = useArmedCardKey();
  const key = withScannedDates(accessKeyFromText(text), armed);
  const reading = view.phase === 'reading';
  useCardTestEvents(view);

  const latest = useRef({ key, reading, read });
  useEffect(() => {
    latest.current = { key, reading, read };
  });
  useEffect(
    () =>
      client.on('card.inserted', ({ reader }) => {
        const { key: typed, reading: busy, read: start } = latest.current;
        if (typed && !busy) void start(typed, reader);
      }),
    [client],
  );

  useEffect(() => {
    if (!armed) return;
    setText(armed.id);
    setShowInvalid(false);
  }, [armed]);
  useEffect(() => {
    if (armed && text === armed.id) recordTestEvent('card-armed', { scanId: armed.scanId });
  }, [armed, text]);

  useShortcut(DESK_KEYS.readCard, () => input.current?.focus());

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!key) {
      setShowInvalid(true);
      return;
    }
    setShowInvalid(false);
    if (!reading) void read(key);
  }

  function reset(): void {
    setText('');
    setShowInvalid(false);
    clear();
    input.current?.focus();
  }

  const round = useRef(patientRound);
  const announcedRound = useRef(patientRound);
  useEffect(() => {
    if (round.current === patientRound) return;
    round.current = patientRound;
    reset();
    // reset is this render's; only a new round calls it.
  }, [patientRound]);
  useEffect(() => {
    // Announced once the cleared ID box is on screen, with the focus in it.
    if (announcedRound.current === patientRound || text !== '' || view.phase !== 'idle') return;
    announcedRound.current = patientRound;
    recordTestEvent('checkin-next', {});
  }, [patientRound, text, view.phase]);

  const cardOnReader = devices?.readers.some((reader) => reader.cardPresent) ?? false;
  const hasReader = (devices?.readers.length ?? 0) > 0;

  return (
    <Panel
      title={t('card.title')}
      testId="card-panel"
      status={
        <StatusPill tone={reading ? 'busy' : cardOnReader ? 'ok' : 'neutral'} state={reading ? 'reading' : cardOnReader ? 'present' : 'absent'} testId="card-state">
          {reading ? t(`card.steps.${view.step}`) : cardOnReader ? t('pcsc.cardPresent') : hasReader ? t('card.waiting') : t('card.noReader')}
        </StatusPill>
      }
    >
      <form className="card-key" onSubmit={submit} noValidate>
        <label className="card-key__label" htmlFor="card-key">
          {t('card.keyLabel')}
        </label>
        <div className="card-key__row">
          <input
            id="card-key"
            ref={input}
            // The desk opens ready for the number on the patient's card.
            autoFocus
            className="card-key__input"
            data-testid="card-key"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={16}
            value={text}
            aria-invalid={showInvalid && !key}
            aria-describedby="card-key-hint"
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button--primary" data-testid="card-read" disabled={reading}>
            {t('card.read')} <kbd>{t('card.readShortcut')}</kbd>
          </button>
          <button type="button" className="button" data-testid="card-clear" onClick={reset}>
            {t('card.clear')}
          </button>
        </div>
        <p id="card-key-hint" className={showInvalid && !key ? 'card-key__hint card-key__hint--bad' : 'card-key__hint'}>
          {showInvalid && !key ? t('card.keyInvalid') : t('card.keyHint')}
        </p>
      </form>
      {view.phase === 'reading' && <CardProgressList files={view.files} />}
      {view.phase === 'failed' && <Notice code={view.error.code} />}
      {view.phase === 'done' && <CardResultView result={view.result} />}
    </Panel>
  );
}
