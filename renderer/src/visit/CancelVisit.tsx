import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { VISIT_CANCEL_REASONS } from '../../../domain/sync-api.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

type CancelReason = (typeof VISIT_CANCEL_REASONS)[number];

interface CancelVisitProps {
  client: ApiClient;
  visitId: number;
  onCancelled: () => void;
}

/** A visit cancelled from today's list, with its reason; the HIS hears of it after the check-in. */
export function CancelVisit({ client, visitId, onCancelled }: CancelVisitProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<CancelReason>('patient-left');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  async function confirm(): Promise<void> {
    setBusy(true);
    const result = await client.call('visits.cancel', { visitId, reasonCode: reason });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      recordTestEvent('visit-cancel-failed', { visitId, code: result.error.code });
      return;
    }
    setOpen(false);
    recordTestEvent('visit-cancelled', { visitId, reason });
    onCancelled();
  }

  if (!open) {
    return (
      <button type="button" className="button button--small button--quiet" data-testid="visit-cancel" onClick={() => setOpen(true)}>
        {t('checkin.cancel.action')}
      </button>
    );
  }
  return (
    <span className="visit-cancel" data-testid="visit-cancel-form">
      <select
        className="field__input"
        aria-label={t('checkin.cancel.reason')}
        data-testid="visit-cancel-reason"
        value={reason}
        onChange={(event) => setReason(VISIT_CANCEL_REASONS.find((code) => code === event.target.value) ?? reason)}
      >
        {VISIT_CANCEL_REASONS.map((code) => (
          <option key={code} value={code}>
            {t(`checkin.cancel.reasons.${code}`)}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small" data-testid="visit-cancel-confirm" disabled={busy} onClick={() => void confirm()}>
        {t('checkin.cancel.confirm')}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={() => setOpen(false)}>
        {t('checkin.cancel.keep')}
      </button>
      {error && (
        <span className="patient-error" role="alert" data-code={error.code}>
          {t(`errors.${error.code}`)}
        </span>
      )}
    </span>
  );
}
