import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_TYPES, type VisitType } from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { PaymentSettings } from '../../../domain/payment-api.ts';
import { findBankByBin, latestBankList } from '../../../domain/payment/index.ts';
import { useBridge } from '../app/bridge-context.ts';
import { isKnownRule } from '../i18n/messages.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved' }
  | { phase: 'failed'; error: ApiError; fields: ReadonlyMap<string, FieldIssue> };

interface FieldIssue {
  message: string;
  rule?: string;
  limit?: string | number;
}

/** The form as typed: amounts stay text until saved, so "150.000" can be refused with a reason. */
interface PaymentForm {
  bankBin: string;
  accountNumber: string;
  accountName: string;
  fees: Record<VisitType, string>;
  allowManualConfirm: boolean;
  allowCash: boolean;
}

/**
 * The payment settings for IT: the receiving bank (from the NAPAS list, its
 * name shown beside the BIN), account number and holder, the fee per visit
 * type in whole dong, and whether the clerk may confirm a transfer or take cash.
 */
export function PaymentSection() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const banks = useMemo(() => [...latestBankList().banks].sort((a, b) => a.shortName.localeCompare(b.shortName, 'vi')), []);
  const [form, setForm] = useState<PaymentForm | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });

  useEffect(() => {
    let live = true;
    void client.call('settings.payment.get', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setForm(toForm(result.value));
        recordTestEvent('payment-settings-loaded', { configured: result.value.bankBin !== null });
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [client]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!form || save.phase === 'saving') return;
    setSave({ phase: 'saving' });
    const result = await client.call('settings.payment.set', toInput(form));
    if (result.ok) {
      setForm(toForm(result.value));
      setSave({ phase: 'saved' });
      recordTestEvent('payment-settings-saved', { configured: result.value.bankBin !== null });
    } else {
      const fields = fieldErrors(result.error.detail);
      setSave({ phase: 'failed', error: result.error, fields });
      recordTestEvent('payment-settings-save-failed', { code: result.error.code, paths: [...fields.keys()].join(',') });
    }
  }

  const change = (patch: Partial<PaymentForm>): void => {
    setForm((previous) => (previous ? { ...previous, ...patch } : previous));
    setSave({ phase: 'idle' });
  };
  /** A refusal in the clerk's language when its rule is known; the services' words otherwise. */
  const errorAt = (path: string): string | undefined => {
    const issue = save.phase === 'failed' ? save.fields.get(path) : undefined;
    if (!issue) return undefined;
    return issue.rule !== undefined && isKnownRule(issue.rule) ? t(`settings.rules.${issue.rule}`, { limit: issue.limit ?? '' }) : issue.message;
  };
  const chosenBank = form && form.bankBin !== '' ? findBankByBin(form.bankBin) : null;

  return (
    <section className="settings__section" aria-labelledby="payment-settings-title" data-testid="payment-settings">
      <h3 id="payment-settings-title">{t('payment.settings.title')}</h3>
      <p className="advice">{t('payment.settings.intro')}</p>
      {!form && !loadError && <p className="loading">{t('payment.settings.loading')}</p>}
      {loadError && (
        <p className="patient-error" role="alert" data-code={loadError.code}>
          {t(`errors.${loadError.code}`)}
        </p>
      )}
      {form && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate data-testid="payment-settings-form">
          <Field label={t('payment.settings.bank')} error={errorAt('bankBin')}>
            <select
              className="field__input"
              data-testid="payment-settings-bank"
              value={form.bankBin}
              aria-invalid={errorAt('bankBin') !== undefined}
              onChange={(event) => change({ bankBin: event.target.value })}
            >
              <option value="">{t('payment.settings.chooseBank')}</option>
              {form.bankBin !== '' && !chosenBank && <option value={form.bankBin}>{form.bankBin}</option>}
              {banks.map((bank) => (
                <option key={bank.bin} value={bank.bin}>
                  {bank.shortName} ({bank.bin})
                </option>
              ))}
            </select>
            {form.bankBin !== '' && (
              <span className="advice" data-testid="payment-settings-bank-name">
                {chosenBank ? `${chosenBank.name} — BIN ${chosenBank.bin}` : t('payment.settings.bankUnknown')}
              </span>
            )}
          </Field>
          <Field label={t('payment.settings.accountNumber')} error={errorAt('accountNumber')}>
            <input
              className="field__input"
              data-testid="payment-settings-account"
              value={form.accountNumber}
              maxLength={19}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={errorAt('accountNumber') !== undefined}
              onChange={(event) => change({ accountNumber: event.target.value })}
            />
          </Field>
          <Field label={t('payment.settings.accountName')} error={errorAt('accountName')} hint={t('payment.settings.accountNameHint')}>
            <input
              className="field__input"
              data-testid="payment-settings-account-name"
              value={form.accountName}
              maxLength={50}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={errorAt('accountName') !== undefined}
              onChange={(event) => change({ accountName: event.target.value.toUpperCase() })}
            />
          </Field>
          <fieldset className="field">
            <legend className="field__label">{t('payment.settings.fees')}</legend>
            <div className="payment-settings__fees">
              {VISIT_TYPES.map((type) => (
                <Field key={type} label={t(`payment.settings.feeFor.${type}`)} error={errorAt(`fees.${type}`)}>
                  <input
                    className="field__input"
                    data-testid={`payment-settings-fee-${type}`}
                    inputMode="numeric"
                    value={form.fees[type]}
                    maxLength={13}
                    aria-invalid={errorAt(`fees.${type}`) !== undefined}
                    onChange={(event) => change({ fees: { ...form.fees, [type]: event.target.value } })}
                  />
                </Field>
              ))}
            </div>
            <span className="advice">{t('payment.settings.feeHint')}</span>
          </fieldset>
          <label className="field field--check">
            <input
              type="checkbox"
              data-testid="payment-settings-manual"
              checked={form.allowManualConfirm}
              onChange={(event) => change({ allowManualConfirm: event.target.checked })}
            />
            <span>{t('payment.settings.allowManualConfirm')}</span>
          </label>
          <label className="field field--check">
            <input type="checkbox" data-testid="payment-settings-cash" checked={form.allowCash} onChange={(event) => change({ allowCash: event.target.checked })} />
            <span>{t('payment.settings.allowCash')}</span>
          </label>
          <div className="settings__save">
            <button type="submit" className="button button--primary" data-testid="payment-settings-save" disabled={save.phase === 'saving'}>
              {t('payment.settings.save')}
            </button>
            {save.phase === 'saved' && (
              <p className="settings__saved" role="status" data-testid="payment-settings-saved">
                {t('payment.settings.saved')}
              </p>
            )}
          </div>
          {save.phase === 'failed' && (
            <p className="patient-error" role="alert" data-testid="payment-settings-error" data-code={save.error.code}>
              {save.fields.size > 0 ? t('payment.settings.saveFailed') : t(`errors.${save.error.code}`)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

function Field({ label, error, hint, children }: { label: string; error: string | undefined; hint?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <label className={error ? 'field field--bad' : 'field'}>
      <span className="field__label">{label}</span>
      {children}
      {hint && <span className="advice">{hint}</span>}
      {error && (
        <span className="field__error" data-testid="field-error">
          {t('settings.invalid')}: {error}
        </span>
      )}
    </label>
  );
}

function toForm(settings: PaymentSettings): PaymentForm {
  return {
    bankBin: settings.bankBin ?? '',
    accountNumber: settings.accountNumber ?? '',
    accountName: settings.accountName,
    fees: { bhyt: String(settings.fees.bhyt), 'fee-paying': String(settings.fees['fee-paying']), 'on-demand': String(settings.fees['on-demand']) },
    allowManualConfirm: settings.allowManualConfirm,
    allowCash: settings.allowCash,
  };
}

/** Empty means "not set"; an amount that is not plain digits goes through as NaN for the services to refuse by name. */
function toInput(form: PaymentForm): PaymentSettings {
  const amount = (text: string): number => {
    const trimmed = text.trim();
    if (trimmed === '') return 0;
    return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  };
  return {
    bankBin: form.bankBin === '' ? null : form.bankBin,
    accountNumber: form.accountNumber.trim() === '' ? null : form.accountNumber.trim(),
    accountName: form.accountName.trim(),
    fees: { bhyt: amount(form.fees.bhyt), 'fee-paying': amount(form.fees['fee-paying']), 'on-demand': amount(form.fees['on-demand']) },
    allowManualConfirm: form.allowManualConfirm,
    allowCash: form.allowCash,
  };
}

/** The services' BAD_INPUT detail: one message per dotted field path. */
function fieldErrors(detail: unknown): ReadonlyMap<string, FieldIssue> {
  const fields = new Map<string, FieldIssue>();
  if (!Array.isArray(detail)) return fields;
  for (const issue of detail as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message, rule, limit } = issue as { path?: unknown; message?: unknown; rule?: unknown; limit?: unknown };
    if (!Array.isArray(path) || typeof message !== 'string') continue;
    fields.set(path.map(String).join('.'), {
      message,
      ...(typeof rule === 'string' ? { rule } : {}),
      ...(typeof limit === 'string' || typeof limit === 'number' ? { limit } : {}),
    });
  }
  return fields;
}
