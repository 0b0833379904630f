import { useTranslation } from 'react-i18next';
import type { CardReadResult } from '../../../domain/card.ts';
import { StatusPill, type Tone } from '../home/StatusPill.tsx';
import type { CardHolderField, CardWarningCode } from '../i18n/messages.ts';

const FIELD_ORDER: readonly CardHolderField[] = [
  'idNumber',
  'fullName',
  'dateOfBirth',
  'sex',
  'nationality',
  'ethnicity',
  'religion',
  'placeOfOrigin',
  'placeOfResidence',
  'identifyingMarks',
  'dateOfIssue',
  'dateOfExpiry',
  'fatherName',
  'motherName',
  'spouseName',
  'oldIdNumber',
];

const PASSIVE_TONES: Record<CardReadResult['verification']['passive']['status'], Tone> = {
  valid: 'ok',
  invalid: 'bad',
  'chain-unknown': 'busy',
  'not-checked': 'neutral',
};

const CHIP_TONES: Record<CardReadResult['verification']['active']['status'], Tone> = {
  passed: 'ok',
  failed: 'bad',
  'not-supported': 'neutral',
  'not-run': 'neutral',
  error: 'busy',
};

const WARNING_CODES: Record<CardWarningCode, true> = {
  'file-skipped': true,
  'file-unreadable': true,
  'mrz-check-digit': true,
  'dg1-dg13-mismatch': true,
  'dg13-field-unreadable': true,
  'dg13-text-cleaned': true,
  'photo-undecodable': true,
  'photo-format-unknown': true,
};

/** Dates arrive as ISO calendar dates; the clerk reads dd/mm/yyyy. */
function displayDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

export function CardResultView({ result }: { result: CardReadResult }) {
  const { t } = useTranslation();
  const { holder, photo, verification, warnings, timing } = result;

  function fieldText(field: CardHolderField): string | undefined {
    const value = holder[field];
    if (value === undefined || value === '') return undefined;
    if (field === 'sex') return t(`card.sex.${value as 'male' | 'female' | 'unspecified'}`);
    if (field.startsWith('date')) return displayDate(value);
    return value;
  }

  /** Known codes in the clerk's language; a code this screen does not know keeps the services' text. */
  function warningText(warning: CardReadResult['warnings'][number]): string {
    if (!(warning.code in WARNING_CODES)) return warning.message;
    return t(`card.warningTexts.${warning.code as CardWarningCode}`, { field: warning.field ?? '' });
  }

  return (
    <div className="card-result" data-testid="card-result">
      <figure className="card-result__photo">
        {photo ? (
          <img src={photo.dataUrl} alt={t('card.photo')} data-testid="card-photo" data-format={photo.sourceFormat} />
        ) : (
          <span className="card-result__no-photo">{t('card.noPhoto')}</span>
        )}
      </figure>
      <dl className="card-result__fields">
        {FIELD_ORDER.map((field) => {
          const text = fieldText(field);
          if (text === undefined) return null;
          return (
            <div key={field} className="card-result__field" data-testid="card-field" data-field={field}>
              <dt>{t(`card.fields.${field}`)}</dt>
              <dd>{text}</dd>
            </div>
          );
        })}
      </dl>
      <section className="card-result__verification" aria-label={t('card.verification.title')}>
        <StatusPill tone={PASSIVE_TONES[verification.passive.status]} state={verification.passive.status} testId="card-passive">
          {t('card.verification.passive')}: {t(`card.verification.passiveStates.${verification.passive.status}`)}
        </StatusPill>
        <StatusPill tone={CHIP_TONES[verification.active.status]} state={verification.active.status} testId="card-active">
          {t('card.verification.active')}: {t(`card.verification.chipStates.${verification.active.status}`)}
        </StatusPill>
        <StatusPill tone={CHIP_TONES[verification.chip.status]} state={verification.chip.status} testId="card-chip">
          {t('card.verification.chip')}: {t(`card.verification.chipStates.${verification.chip.status}`)}
        </StatusPill>
        {verification.passive.reason && (
          <p className="card-result__reason" data-testid="card-passive-reason" data-reason={verification.passive.reason}>
            {t(`card.verification.passiveReasons.${verification.passive.reason}`)}
          </p>
        )}
        {verification.passive.status !== 'valid' && (
          <p className="technical card-result__detail" data-testid="card-passive-detail">
            {verification.passive.detail}
          </p>
        )}
      </section>
      {warnings.length > 0 && (
        <section className="card-result__warnings" aria-label={t('card.warnings')}>
          <h3>{t('card.warnings')}</h3>
          <ul data-testid="card-warnings">
            {warnings.map((warning, index) => (
              <li key={`${warning.code}-${index}`} data-code={warning.code}>
                {warningText(warning)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="card-result__timing" data-testid="card-timing">
        {t('card.readIn', { seconds: (timing.totalMs / 1000).toFixed(1) })}
      </p>
    </div>
  );
}
