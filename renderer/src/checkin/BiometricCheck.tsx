import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { BiometricRecord } from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { AUTOMATION_USER, type BiometricPrompt } from '../../../domain/visit-api.ts';
import { DESK_KEYS, keyLabel } from '../keyboard/desk-keys.ts';
import { useShowDeskStep } from '../keyboard/desk-step.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { LiveCamera } from './LiveCamera.tsx';

interface BiometricCheckProps {
  client: ApiClient;
  visitId: number;
  /** False while a dialog covers the screen. */
  active: boolean;
  /** The check is finished: decided, or not asked for this visit type (null). */
  onFinished: (decision: BiometricRecord | null) => void;
}

type CheckState =
  | { phase: 'loading' }
  | { phase: 'exempt' }
  | { phase: 'asking'; prompt: BiometricPrompt; skipping: boolean; saving: boolean; error?: ApiError }
  | { phase: 'decided'; prompt: BiometricPrompt; decision: BiometricRecord }
  | { phase: 'failed'; error: ApiError };

/**
 * The identity check: the chip photo beside the live camera, and the clerk's
 * answer — same person, not the same person, or skip with a reason (DESK_KEYS).
 */
export function BiometricCheck({ client, visitId, active, onFinished }: BiometricCheckProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<CheckState>({ phase: 'loading' });
  const [reason, setReason] = useState('');
  const reasonInput = useRef<HTMLInputElement>(null);
  const matchButton = useRef<HTMLButtonElement>(null);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void client.call('visits.biometricPrompt', { visitId }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setState({ phase: 'failed', error: result.error });
        recordTestEvent('biometric-failed', { code: result.error.code });
        return;
      }
      const prompt = result.value;
      if (prompt.requirement === 'off') {
        if (prompt.exemption) setState({ phase: 'exempt' });
        recordTestEvent('biometric-not-needed', { visitId, exemption: prompt.exemption ?? '' });
        finished.current(null);
        return;
      }
      if (prompt.decision) {
        setState({ phase: 'decided', prompt, decision: prompt.decision });
        recordTestEvent('biometric-decided', { visitId, decision: prompt.decision.decision, by: prompt.decision.by });
        finished.current(prompt.decision);
        return;
      }
      setState({ phase: 'asking', prompt, skipping: false, saving: false });
      recordTestEvent('biometric-prompted', { visitId, requirement: prompt.requirement, photo: prompt.photo !== null });
    });
    return () => {
      live = false;
    };
  }, [client, visitId, attempt]);

  useEffect(() => {
    if (state.phase === 'asking' && !state.skipping) matchButton.current?.focus();
    if (state.phase === 'asking' && state.skipping) reasonInput.current?.focus();
  }, [state]);

  async function decide(decision: BiometricRecord['decision'], why?: string): Promise<void> {
    if (state.phase !== 'asking' || state.saving) return;
    const prompt = state.prompt;
    setState({ ...state, saving: true });
    const result = await client.call('visits.recordBiometric', { visitId, decision, ...(why ? { reason: why } : {}) });
    if (!result.ok || !result.value.biometric) {
      const error = result.ok ? { code: 'INTERNAL' as const, message: 'no decision stored' } : result.error;
      setState({ phase: 'asking', prompt, skipping: decision === 'skipped', saving: false, error });
      return;
    }
    setState({ phase: 'decided', prompt, decision: result.value.biometric });
    recordTestEvent('biometric-decided', { visitId, decision, by: result.value.biometric.by });
    finished.current(result.value.biometric);
  }

  const asking = active && state.phase === 'asking' && !state.saving;
  useShowDeskStep(state.phase === 'asking' ? 'identity-check' : undefined);
  useShortcut(DESK_KEYS.samePerson, () => void decide('match'), asking);
  useShortcut(DESK_KEYS.notSamePerson, () => void decide('no-match'), asking);
  useShortcut(
    DESK_KEYS.skipIdentityCheck,
    () => {
      if (state.phase === 'asking') setState({ ...state, skipping: true });
    },
    asking,
  );

  function confirmSkip(event: FormEvent): void {
    event.preventDefault();
    const why = reason.trim();
    if (why === '') {
      reasonInput.current?.focus();
      return;
    }
    void decide('skipped', why);
  }

  if (state.phase === 'loading') return null;
  if (state.phase === 'exempt') {
    return (
      <p className="advice" role="status" data-testid="biometric-exempt">
        {t('checkin.biometric.exemptYoungChild')}
      </p>
    );
  }
  if (state.phase === 'failed') {
    // The check could not be opened: try again, or go on without it (the visit shows no decision).
    return (
      <div className="notice" role="alert" data-testid="biometric-error" data-code={state.error.code}>
        <p>{t(`errors.${state.error.code}`)}</p>
        <div className="visit__actions">
          <button type="button" className="button" data-testid="biometric-retry" onClick={() => setAttempt((n) => n + 1)}>
            {t('checkin.biometric.retry')}
          </button>
          <button type="button" className="button button--quiet" data-testid="biometric-continue" onClick={() => finished.current(null)}>
            {t('checkin.biometric.continueWithout')}
          </button>
        </div>
      </div>
    );
  }

  const { prompt } = state;
  return (
    <section className="biometric" data-testid="biometric-check" data-phase={state.phase} aria-label={t('checkin.biometric.title')}>
      <header className="biometric__header">
        <h3 className="visit__title">{t('checkin.biometric.title')}</h3>
        <span className={prompt.requirement === 'required' ? 'pill pill--busy' : 'pill pill--neutral'}>
          {prompt.requirement === 'required' ? t('checkin.biometric.required') : t('checkin.biometric.optional')}
        </span>
      </header>
      <div className="biometric__faces">
        <figure className="biometric__frame" data-testid="biometric-photo" data-present={prompt.photo !== null}>
          {prompt.photo ? (
            <img className="biometric__photo" src={`data:${prompt.photo.mime};base64,${prompt.photo.base64}`} alt={t('checkin.biometric.chipPhoto')} />
          ) : (
            <p className="advice biometric__no-photo">{t('checkin.biometric.noPhoto')}</p>
          )}
          <figcaption>
            {t('checkin.biometric.chipPhoto')}
            {prompt.photo &&
              ` — ${prompt.photo.verification === 'valid' ? t('checkin.biometric.photoVerified') : t('checkin.biometric.photoNotVerified')}`}
          </figcaption>
        </figure>
        {state.phase === 'asking' && <LiveCamera />}
      </div>

      {state.phase === 'decided' ? (
        <p
          className={state.decision.decision === 'no-match' ? 'notice' : 'biometric__decided'}
          role="status"
          data-testid="biometric-decision"
          data-decision={state.decision.decision}
        >
          {t(`checkin.biometric.decided.${state.decision.decision}`)}
          {state.decision.by === AUTOMATION_USER ? ` ${t('checkin.biometric.byAutomation')}` : ''}
          {state.decision.decision === 'no-match' && <span className="biometric__advice">{t('checkin.biometric.noMatchAdvice')}</span>}
        </p>
      ) : (
        <>
          <p className="biometric__question">{t('checkin.biometric.question')}</p>
          <div className="visit__actions">
            <button ref={matchButton} type="button" className="button button--primary" data-testid="biometric-match" disabled={state.saving} onClick={() => void decide('match')}>
              {t('checkin.biometric.match')} <kbd>{keyLabel(DESK_KEYS.samePerson)}</kbd>
            </button>
            <button type="button" className="button" data-testid="biometric-no-match" disabled={state.saving} onClick={() => void decide('no-match')}>
              {t('checkin.biometric.noMatch')} <kbd>{keyLabel(DESK_KEYS.notSamePerson)}</kbd>
            </button>
            <button type="button" className="button button--quiet" data-testid="biometric-skip" disabled={state.saving} onClick={() => setState({ ...state, skipping: true })}>
              {t('checkin.biometric.skip')} <kbd>{keyLabel(DESK_KEYS.skipIdentityCheck)}</kbd>
            </button>
          </div>
          {state.skipping && (
            <form className="biometric__skip" onSubmit={confirmSkip} noValidate>
              <label className="field">
                <span className="field__label">{t('checkin.biometric.skipReason')}</span>
                <input
                  ref={reasonInput}
                  className="field__input"
                  data-testid="biometric-skip-reason"
                  maxLength={200}
                  autoComplete="off"
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              </label>
              <button type="submit" className="button" data-testid="biometric-skip-confirm" disabled={state.saving}>
                {t('checkin.biometric.skipConfirm')} <kbd>Enter</kbd>
              </button>
            </form>
          )}
          {state.error && (
            <p className="patient-error" role="alert" data-testid="biometric-error" data-code={state.error.code}>
              {t(`errors.${state.error.code}`)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
