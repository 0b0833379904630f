import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ClerkPinSchema, ClerkRefusalDetailSchema, type ClerkStatus } from '../../../domain/clerk-api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import { PinField } from '../app/PinField.tsx';
import { Notice } from '../home/Notice.tsx';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { DEMO_CLERKS } from '../../../domain/demo-api.ts';
import { useDemo } from '../demo/use-demo.ts';
import { useConnected } from '../status/use-connected.ts';

/** The clerk this browser signed in last: chosen first next time, so a returning clerk types only the PIN. */
const LAST_CLERK_KEY = 'tiepdon.lastClerk';

interface SignInProps {
  status: ClerkStatus;
  /** Set when the desk signed the last clerk out for being idle this many minutes. */
  idleMinutes?: number | undefined;
}

/**
 * The desk asks who is working before it shows any patient: the clerk picks
 * their name and types the PIN (Enter signs in). A desk with no clerk yet
 * adds the first one here, as long as IT has not locked the settings.
 */
export function SignIn({ status, idleMinutes }: SignInProps) {
  const { t } = useTranslation();
  const { client } = useBridge();
  const demo = useDemo(client, useConnected());
  // Demo mode's clerks and PINs are shown, so a trainee signs in like a clerk.
  const demoClerks = demo.view.phase === 'on' ? DEMO_CLERKS.filter((clerk) => status.clerks.some((known) => known.code === clerk.code)) : [];
  const scanRefused = useScanRefused();
  return (
    <section className="sign-in" aria-labelledby="sign-in-title" data-testid="sign-in">
      <div className="sign-in__card">
        <h2 id="sign-in-title" className="sign-in__title">
          {t('clerk.title')}
        </h2>
        {idleMinutes !== undefined && (
          <p className="advice" role="status" data-testid="sign-in-idle">
            {t('clerk.idleSignedOut', { count: idleMinutes })}
          </p>
        )}
        {scanRefused && (
          <p className="notice" role="alert" data-testid="sign-in-scan-refused">
            {t('clerk.scanRefused')}
          </p>
        )}
        {status.clerks.length === 0 ? <FirstClerkForm /> : <SignInForm status={status} />}
        {demoClerks.length > 0 && (
          <p className="advice" data-testid="sign-in-demo">
            {t('clerk.demoHint', { clerks: demoClerks.map((clerk) => `${clerk.name} (${clerk.code}) · PIN ${clerk.pin}`).join('; ') })}
          </p>
        )}
      </div>
    </section>
  );
}

/** Whether a scan came while nobody was signed in (the services dropped it, text unsent): the clerk is told why nothing opened. */
function useScanRefused(): boolean {
  const { client } = useBridge();
  const [refused, setRefused] = useState(false);
  useEffect(
    () =>
      client.on('scan.refused', (event) => {
        setRefused(true);
        recordTestEvent('scan-refused', { source: event.source, code: event.code });
      }),
    [client],
  );
  return refused;
}

function SignInForm({ status }: { status: ClerkStatus }) {
  const { t, i18n } = useTranslation();
  const { client } = useBridge();
  const [code, setCode] = useState(() => {
    const last = localStorage.getItem(LAST_CLERK_KEY);
    return status.clerks.find((clerk) => clerk.code === last)?.code ?? status.clerks[0]?.code ?? '';
  });
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ApiError; attemptsLeft?: number; lockedUntil?: string } | undefined>(undefined);
  const pinInput = useRef<HTMLInputElement>(null);
  const knowsLast = localStorage.getItem(LAST_CLERK_KEY) === code;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy || pin === '' || code === '') return;
    setBusy(true);
    const answer = await client.call('clerks.signIn', { code, pin });
    setBusy(false);
    setPin('');
    if (answer.ok) {
      localStorage.setItem(LAST_CLERK_KEY, code);
      recordTestEvent('clerk-signed-in', { code });
      return;
    }
    const detail = ClerkRefusalDetailSchema.safeParse(answer.error.detail);
    setRefusal({ error: answer.error, ...(detail.success ? detail.data : {}) });
    recordTestEvent('clerk-refused', { code: answer.error.code, attemptsLeft: detail.success ? detail.data.attemptsLeft : -1 });
    pinInput.current?.focus();
  }

  const lockedTime = refusal?.lockedUntil ? new Date(refusal.lockedUntil).toLocaleTimeString(i18n.resolvedLanguage) : undefined;
  return (
    <form className="sign-in__form" onSubmit={(event) => void submit(event)} noValidate data-testid="sign-in-form">
      <p className="advice">{t('clerk.intro')}</p>
      <div className="field">
        <label className="field__label" htmlFor="sign-in-clerk">
          {t('clerk.clerk')}
        </label>
        <select
          id="sign-in-clerk"
          className="field__input"
          value={code}
          autoFocus={!knowsLast}
          onChange={(event) => {
            setCode(event.target.value);
            setRefusal(undefined);
          }}
          data-testid="sign-in-clerk"
        >
          {status.clerks.map((clerk) => (
            <option key={clerk.code} value={clerk.code}>
              {clerk.name} ({clerk.code})
            </option>
          ))}
        </select>
      </div>
      <PinField id="sign-in-pin" label={t('clerk.pin')} value={pin} onChange={setPin} autoFocus={knowsLast} inputRef={pinInput} testId="sign-in-pin" />
      {refusal && <Notice code={refusal.error.code} />}
      {lockedTime ? (
        <p className="notice" role="status" data-testid="sign-in-locked">
          {t('clerk.lockedUntil', { time: lockedTime })}
        </p>
      ) : (
        refusal?.attemptsLeft !== undefined && (
          <p className="advice" data-testid="sign-in-attempts">
            {t('clerk.attemptsLeft', { count: refusal.attemptsLeft })}
          </p>
        )
      )}
      <div className="admin-gate__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="sign-in-submit">
          {busy ? t('clerk.signingIn') : t('clerk.signIn')} <kbd>Enter</kbd>
        </button>
      </div>
    </form>
  );
}

type FirstClerkProblem = 'pin' | 'fields' | ApiError;

/** A desk with no clerk: the first one is added here (the services refuse it once IT has locked the settings). */
function FirstClerkForm() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FirstClerkProblem | undefined>(undefined);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (code.trim() === '' || name.trim() === '') return setProblem('fields');
    if (!ClerkPinSchema.safeParse(pin).success) return setProblem('pin');
    setBusy(true);
    const saved = await client.call('settings.clerks.set', { clerks: [{ code: code.trim(), name, pin }] });
    const answer = saved.ok ? await client.call('clerks.signIn', { code: code.trim(), pin }) : saved;
    setBusy(false);
    if (answer.ok) {
      localStorage.setItem(LAST_CLERK_KEY, code.trim());
      recordTestEvent('clerk-signed-in', { code: code.trim(), first: true });
      return;
    }
    setProblem(answer.error);
    recordTestEvent('clerk-refused', { code: answer.error.code });
  }

  const locked = typeof problem === 'object' && problem.code === 'ADMIN_LOCKED';
  return (
    <form className="sign-in__form" onSubmit={(event) => void submit(event)} noValidate data-testid="first-clerk-form">
      <p className="advice">{t('clerk.noClerks')}</p>
      <h3 className="sign-in__subtitle">{t('clerk.firstClerk')}</h3>
      <div className="field">
        <label className="field__label" htmlFor="first-clerk-code">
          {t('clerk.code')}
        </label>
        <input id="first-clerk-code" className="field__input" autoFocus value={code} onChange={(event) => setCode(event.target.value)} data-testid="first-clerk-code" />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="first-clerk-name">
          {t('clerk.name')}
        </label>
        <input id="first-clerk-name" className="field__input" value={name} onChange={(event) => setName(event.target.value)} data-testid="first-clerk-name" />
      </div>
      <PinField id="first-clerk-pin" label={t('clerk.pin')} value={pin} onChange={setPin} testId="first-clerk-pin" />
      <p className="advice">{t('clerk.pinRule')}</p>
      {problem === 'pin' && (
        <p className="notice" role="alert" data-testid="first-clerk-problem">
          {t('clerk.pinRule')}
        </p>
      )}
      {problem === 'fields' && (
        <p className="notice" role="alert" data-testid="first-clerk-problem">
          {t('clerk.fieldsNeeded')}
        </p>
      )}
      {typeof problem === 'object' && (locked ? <p className="notice" role="alert">{t('clerk.askIt')}</p> : <Notice code={problem.code} />)}
      <p className="advice">{t('clerk.firstClerkHint')}</p>
      <div className="admin-gate__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="first-clerk-submit">
          {busy ? t('clerk.signingIn') : t('clerk.firstClerk')}
        </button>
      </div>
    </form>
  );
}
