import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_TYPES, type VisitType } from '../../../domain/checkin/index.ts';
import type { PaymentSettings } from '../../../domain/payment-api.ts';
import { findBankByBin, latestBankList } from '../../../domain/payment/index.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { CheckField, Field, LoadStatus, SaveFailedLine, SaveRow, TextField } from './fields.tsx';
import { useSettingsForm, type SettingsSource } from './use-settings-form.ts';

/** The form as typed: amounts stay text until saved, so "150.000" can be refused with a reason. */
interface PaymentForm {
  bankBin: string;
  accountNumber: string;
  accountName: string;
  fees: Record<VisitType, string>;
  allowManualConfirm: boolean;
  allowCash: boolean;
}

const paymentSettings: SettingsSource<PaymentSettings, PaymentForm> = {
  load: (client) => client.call('settings.payment.get', {}),
  save: (client, form) => client.call('settings.payment.set', toInput(form)),
  toForm,
  loaded: (view) => recordTestEvent('payment-settings-loaded', { configured: view.bankBin !== null }),
  saved: (view) => recordTestEvent('payment-settings-saved', { configured: view.bankBin !== null }),
  refused: (error, paths) => recordTestEvent('payment-settings-save-failed', { code: error.code, paths: paths.join(',') }),
};

/**
 * The payment settings for IT: the receiving bank (from the NAPAS list, its
 * name shown beside the BIN), account number and holder, the fee per visit
 * type in whole dong, and whether the clerk may confirm a transfer or take cash.
 */
export function PaymentSection() {
  const { t } = useTranslation();
  const banks = useMemo(() => [...latestBankList().banks].sort((a, b) => a.shortName.localeCompare(b.shortName, 'vi')), []);
  const { form, loadError, save, submit, change, errorAt } = useSettingsForm(paymentSettings, t('payment.settings.title'));
  const chosenBank = form && form.bankBin !== '' ? findBankByBin(form.bankBin) : null;

  return (
    <section className="settings__section" aria-labelledby="payment-settings-title" data-testid="payment-settings">
      <h3 id="payment-settings-title">{t('payment.settings.title')}</h3>
      <p className="advice">{t('payment.settings.intro')}</p>
      <LoadStatus loaded={form !== undefined} error={loadError} loadingText={t('payment.settings.loading')} />
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
          <TextField
            label={t('payment.settings.accountNumber')}
            error={errorAt('accountNumber')}
            testId="payment-settings-account"
            value={form.accountNumber}
            maxLength={19}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errorAt('accountNumber') !== undefined}
            onChange={(accountNumber) => change({ accountNumber })}
          />
          <TextField
            label={t('payment.settings.accountName')}
            error={errorAt('accountName')}
            hint={t('payment.settings.accountNameHint')}
            testId="payment-settings-account-name"
            value={form.accountName}
            maxLength={50}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errorAt('accountName') !== undefined}
            onChange={(accountName) => change({ accountName: accountName.toUpperCase() })}
          />
          <fieldset className="field">
            <legend className="field__label">{t('payment.settings.fees')}</legend>
            <div className="payment-settings__fees">
              {VISIT_TYPES.map((type) => (
                <TextField
                  key={type}
                  label={t(`payment.settings.feeFor.${type}`)}
                  error={errorAt(`fees.${type}`)}
                  testId={`payment-settings-fee-${type}`}
                  inputMode="numeric"
                  value={form.fees[type]}
                  maxLength={13}
                  aria-invalid={errorAt(`fees.${type}`) !== undefined}
                  onChange={(fee) => change({ fees: { ...form.fees, [type]: fee } })}
                />
              ))}
            </div>
            <span className="advice">{t('payment.settings.feeHint')}</span>
          </fieldset>
          <CheckField
            label={t('payment.settings.allowManualConfirm')}
            testId="payment-settings-manual"
            checked={form.allowManualConfirm}
            onChange={(allowManualConfirm) => change({ allowManualConfirm })}
          />
          <CheckField label={t('payment.settings.allowCash')} testId="payment-settings-cash" checked={form.allowCash} onChange={(allowCash) => change({ allowCash })} />
          <SaveRow
            label={t('payment.settings.save')}
            testId="payment-settings-save"
            busy={save.phase === 'saving'}
            saved={save.phase === 'saved'}
            savedText={t('payment.settings.saved')}
            savedTestId="payment-settings-saved"
          />
          <SaveFailedLine save={save} testId="payment-settings-error" fieldsText={t('payment.settings.saveFailed')} />
        </form>
      )}
    </section>
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
