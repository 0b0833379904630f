import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { DemoCardView, DemoCodeView, DemoStatus } from '../../../domain/demo-api.ts';
import { Notice } from '../home/Notice.tsx';
import { useDemo } from './use-demo.ts';

interface DemoModeProps {
  client: ApiClient;
  connected: boolean;
}

/**
 * Demo mode's banner and menu: sample cards to put on the demo reader and
 * sample codes for the demo scanner. Renders nothing outside demo mode.
 */
export function DemoMode({ client, connected }: DemoModeProps) {
  const { t } = useTranslation();
  const { view, insertCard, removeCard, scan } = useDemo(client, connected);
  const [open, setOpen] = useState(true);
  const codeLabel = useCodeLabel();
  if (view.phase !== 'on') return null;
  const { status, busy, error } = view;

  return (
    <section className="demo" data-testid="demo-mode" aria-label={t('demo.banner')}>
      <div className="demo__banner" role="status" data-testid="demo-banner">
        <strong className="demo__title">{t('demo.banner')}</strong>
        <button type="button" className="button demo__toggle" data-testid="demo-menu-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('demo.hideMenu') : t('demo.showMenu')}
        </button>
      </div>
      {open && (
        <div className="demo__menu" data-testid="demo-menu" aria-busy={busy}>
          <h2 className="visually-hidden">{t('demo.menuTitle')}</h2>
          {error && <Notice code={error.code} />}
          <div className="demo__columns">
            <section aria-labelledby="demo-cards-title">
              <h3 id="demo-cards-title">{t('demo.cardsTitle')}</h3>
              <p className="advice">{t('demo.cardsHint')}</p>
              <ul className="demo__cards">
                {status.cards.map((card) => (
                  <SampleCard
                    key={card.id}
                    card={card}
                    onReader={status.cardOnReader === card.id}
                    busy={busy}
                    qrCode={status.codes.find((code) => code.kind === 'cccd' && code.cardId === card.id)}
                    onScanQr={(codeId) => void scan(codeId)}
                    onInsert={() => void insertCard(card.id)}
                    onRemove={() => void removeCard()}
                  />
                ))}
              </ul>
            </section>
            <section aria-labelledby="demo-codes-title">
              <h3 id="demo-codes-title">{t('demo.codesTitle')}</h3>
              <p className="advice">{t('demo.codesHint')}</p>
              <ul className="demo__codes">
                {status.codes
                  .filter((code) => code.inScanMenu)
                  .map((code) => (
                    <li key={code.id}>
                      <button type="button" className="button" data-testid={`demo-scan-${code.id}`} disabled={busy} onClick={() => void scan(code.id)}>
                        {codeLabel(code, status)}
                      </button>
                    </li>
                  ))}
              </ul>
            </section>
          </div>
          {/* What the sample data is, after the samples themselves: the cards are what a first-time user looks for. */}
          <p className="advice demo__detail">{t('demo.bannerDetail')}</p>
        </div>
      )}
    </section>
  );
}

/** A code's label, with the holder's name when it is printed on a sample card. */
function useCodeLabel(): (code: DemoCodeView, status: DemoStatus) => string {
  const { t } = useTranslation();
  return (code, status) => {
    const kind: string = t(`demo.codes.${code.kind}`);
    const holder = code.cardId ? status.cards.find((card) => card.id === code.cardId)?.fullName : undefined;
    return holder ? `${kind} — ${holder}` : kind;
  };
}

interface SampleCardProps {
  card: DemoCardView;
  onReader: boolean;
  busy: boolean;
  qrCode: DemoCodeView | undefined;
  onScanQr: (codeId: string) => void;
  onInsert: () => void;
  onRemove: () => void;
}

function SampleCard({ card, onReader, busy, qrCode, onScanQr, onInsert, onRemove }: SampleCardProps) {
  const { t } = useTranslation();
  const born = card.dateOfBirth.split('-').reverse().join('/');
  return (
    <li className={onReader ? 'demo-card demo-card--on-reader' : 'demo-card'} data-testid="demo-card" data-card={card.id} data-on-reader={onReader}>
      <p className="demo-card__kind">
        {t(`demo.kinds.${card.kind}`)}
        {card.registered && <span className="demo-card__registered"> · {t('demo.registered')}</span>}
      </p>
      <p className="demo-card__name">{card.fullName}</p>
      <p className="demo-card__line">
        {t('demo.idNumber')}: <span className="demo-card__number" data-testid="demo-card-number">{card.idNumber}</span> · {t('demo.born')}: {born}
      </p>
      <div className="demo-card__actions">
        {qrCode && (
          <button type="button" className="button" data-testid={`demo-card-qr-${card.id}`} disabled={busy} onClick={() => onScanQr(qrCode.id)}>
            {t('demo.scanCardQr')}
          </button>
        )}
        {onReader ? (
          <button type="button" className="button" data-testid="demo-remove" disabled={busy} onClick={onRemove}>
            {t('demo.removeCard')}
          </button>
        ) : (
          <button type="button" className="button button--primary" data-testid={`demo-insert-${card.id}`} disabled={busy} onClick={onInsert}>
            {t('demo.insertCard')}
          </button>
        )}
        {onReader && <span className="demo-card__state">{t('demo.onReader')}</span>}
      </div>
    </li>
  );
}
