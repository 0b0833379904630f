import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminRefusalDetailSchema, AdminPinSchema, type AdminStatus } from '../../../domain/admin-api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import { Notice } from '../home/Notice.tsx';
import { PinField } from '../app/PinField.tsx';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

interface AdminGateProps {
  onClose: () => void;
  /** The settings panel, shown once this connection is unlocked. */
  children: ReactNode;
}

type Gate =
  | { phase: 'loading' }
  | { phase: 'set' }
  | { phase: 'enter'; status: AdminStatus }
  | { phase: 'open' }
  | { phase: 'failed'; error: ApiError };

/**
 * The admin PIN in front of the settings panel. First run: IT sets the PIN.
 * Afterwards: the PIN opens the panel for this window until it closes (then
 * the session is locked again). Wrong PINs count towards a lockout that the
 * services keep, so closing and reopening does not reset it.
 */
export function AdminGate({ onClose, children }: AdminGateProps) {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [gate, setGate] = useState<Gate>({ phase: 'loading' });

  useEffect(() => {
    let current = true;
    void client.call('admin.status', {}).then((answer) => {
      if (!current) return;
      if (!answer.ok) return setGate({ phase: 'failed', error: answer.error });
      const next: Gate = !answer.value.pinSet ? { phase: 'set' } : answer.value.unlocked ? { phase: 'open' } : { phase: 'enter', status: answer.value };
      setGate(next);
      if (next.phase !== 'open') recordTestEvent('admin-gate-shown', { mode: next.phase });
      else recordTestEvent('admin-unlocked', { via: 'session' });
    });
    return () => {
      current = false;
      // The panel closed: the next opening asks for the PIN again.
      void client.call('admin.lock', {});
    };
  }, [client]);

  if (gate.phase === 'open') return <>{children}</>;
  return (
    <GateDialog onClose={onClose}>
      {gate.phase === 'loading' && <p className="loading">{t('admin.checking')}</p>}
      {gate.phase === 'failed' && <Notice code={gate.error.code} />}
      {gate.phase === 'set' && <SetPinForm onDone={() => open(setGate, 'set')} onCancel={onClose} />}
      {gate.phase === 'enter' && <UnlockForm initial={gate.status} onDone={() => open(setGate, 'pin')} onCancel={onClose} />}
    </GateDialog>
  );
}

function open(setGate: (gate: Gate) => void, via: string): void {
  setGate({ phase: 'open' });
  recordTestEvent('admin-unlocked', { via });
}

function GateDialog({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  useShortcut({ code: 'Escape' }, onClose);
  useShortcut(DESK_KEYS.settings, onClose);
  return (
    <div className="settings-backdrop">
      <div className="settings admin-gate" role="dialog" aria-modal="true" aria-labelledby="admin-gate-title" data-testid="admin-gate">
        <header className="settings__header">
          <h2 id="admin-gate-title" className="settings__title">
            {t('admin.title')}
          </h2>
        </header>
        {children}
      </div>
    </div>
  );
}

function SetPinForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<'rule' | 'mismatch' | ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (!AdminPinSchema.safeParse(pin).success) return setProblem('rule');
    if (pin !== confirm) return setProblem('mismatch');
    setBusy(true);
    const answer = await client.call('admin.setPin', { pin });
    setBusy(false);
    if (answer.ok) return onDone();
    setProblem(answer.error);
    recordTestEvent('admin-refused', { code: answer.error.code });
  }

  return (
    <form className="admin-gate__form" onSubmit={(event) => void submit(event)} noValidate data-testid="admin-set-form">
      <p className="advice">{t('admin.setHint')}</p>
      <PinField id="admin-new-pin" label={t('admin.pin')} value={pin} onChange={setPin} autoFocus testId="admin-new-pin" />
      <PinField id="admin-confirm-pin" label={t('admin.confirmPin')} value={confirm} onChange={setConfirm} testId="admin-confirm-pin" />
      <p className="advice">{t('admin.rule')}</p>
      {problem === 'rule' && <p className="notice" role="alert" data-testid="admin-problem">{t('admin.rule')}</p>}
      {problem === 'mismatch' && <p className="notice" role="alert" data-testid="admin-problem">{t('admin.mismatch')}</p>}
      {typeof problem === 'object' && <Notice code={problem.code} />}
      <Actions busy={busy} submitLabel={t('admin.set')} onCancel={onCancel} />
    </form>
  );
}

function UnlockForm({ initial, onDone, onCancel }: { initial: AdminStatus; onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useBridge();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attemptsLeft, setAttemptsLeft] = useState(initial.attemptsLeft);
  const [lockedUntil, setLockedUntil] = useState(initial.lockedUntil);
  const input = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy || pin === '') return;
    setBusy(true);
    const answer = await client.call('admin.unlock', { pin });
    setBusy(false);
    setPin('');
    if (answer.ok) return onDone();
    setError(answer.error);
    const detail = AdminRefusalDetailSchema.safeParse(answer.error.detail);
    if (detail.success) {
      setAttemptsLeft(detail.data.attemptsLeft);
      setLockedUntil(detail.data.lockedUntil);
    }
    recordTestEvent('admin-refused', { code: answer.error.code, attemptsLeft: detail.success ? detail.data.attemptsLeft : -1 });
    input.current?.focus();
  }

  const lockedTime = lockedUntil ? new Date(lockedUntil).toLocaleTimeString(i18n.resolvedLanguage) : undefined;
  return (
    <form className="admin-gate__form" onSubmit={(event) => void submit(event)} noValidate data-testid="admin-unlock-form">
      <p className="advice">{t('admin.enterHint')}</p>
      <PinField id="admin-pin" label={t('admin.pin')} value={pin} onChange={setPin} autoFocus inputRef={input} testId="admin-pin" />
      {error && !lockedTime && <Notice code={error.code} />}
      {lockedTime ? (
        <p className="notice" role="status" data-testid="admin-locked">
          {t('admin.lockedUntil', { time: lockedTime })}
        </p>
      ) : (
        error && (
          <p className="advice" data-testid="admin-attempts">
            {t('admin.attemptsLeft', { count: attemptsLeft })}
          </p>
        )
      )}
      <Actions busy={busy} submitLabel={t('admin.unlock')} onCancel={onCancel} />
    </form>
  );
}

function Actions({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="admin-gate__actions">
      <button type="submit" className="button button--primary" disabled={busy} data-testid="admin-submit">
        {busy ? t('admin.checking') : submitLabel}
      </button>
      <button type="button" className="button" onClick={onCancel} data-testid="admin-cancel">
        {t('admin.cancel')}
      </button>
    </div>
  );
}
