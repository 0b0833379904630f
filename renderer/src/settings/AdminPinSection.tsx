import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPinSchema } from '../../../domain/admin-api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import { Notice } from '../home/Notice.tsx';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { PinField } from '../app/PinField.tsx';

type State = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'problem'; problem: 'rule' | 'mismatch' } | { phase: 'failed'; error: ApiError };

/** IT changes the admin PIN: the current one (checked like an unlock, so it counts towards the lockout) and the new one twice. */
export function AdminPinSection() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [state, setState] = useState<State>({ phase: 'idle' });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (state.phase === 'saving') return;
    if (!AdminPinSchema.safeParse(pin).success) return setState({ phase: 'problem', problem: 'rule' });
    if (pin !== confirm) return setState({ phase: 'problem', problem: 'mismatch' });
    setState({ phase: 'saving' });
    const answer = await client.call('admin.setPin', { pin, currentPin: current });
    setCurrent('');
    setPin('');
    setConfirm('');
    if (answer.ok) {
      setState({ phase: 'saved' });
      recordTestEvent('admin-pin-changed');
    } else {
      setState({ phase: 'failed', error: answer.error });
      recordTestEvent('admin-refused', { code: answer.error.code });
    }
  }

  return (
    <section className="settings__section" aria-labelledby="admin-pin-title" data-testid="settings-admin-pin">
      <h3 id="admin-pin-title">{t('admin.change')}</h3>
      <form className="admin-gate__form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="advice">{t('admin.changeHint')}</p>
        <PinField id="admin-current-pin" label={t('admin.currentPin')} value={current} onChange={setCurrent} testId="admin-current-pin" />
        <PinField id="admin-change-pin" label={t('admin.pin')} value={pin} onChange={setPin} testId="admin-change-pin" />
        <PinField id="admin-change-confirm" label={t('admin.confirmPin')} value={confirm} onChange={setConfirm} testId="admin-change-confirm" />
        <p className="advice">{t('admin.rule')}</p>
        {state.phase === 'problem' && (
          <p className="notice" role="alert" data-testid="admin-problem">
            {t(state.problem === 'rule' ? 'admin.rule' : 'admin.mismatch')}
          </p>
        )}
        {state.phase === 'failed' && <Notice code={state.error.code} />}
        {state.phase === 'saved' && (
          <p className="advice" role="status" data-testid="admin-pin-changed">
            {t('admin.changed')}
          </p>
        )}
        <div className="admin-gate__actions">
          <button type="submit" className="button" disabled={state.phase === 'saving'} data-testid="admin-change-submit">
            {state.phase === 'saving' ? t('admin.checking') : t('admin.change')}
          </button>
        </div>
      </form>
    </section>
  );
}
