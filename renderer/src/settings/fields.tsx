import type { HTMLAttributes, InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../domain/errors.ts';
import type { SaveState } from './use-settings-form.ts';

/** The pieces every settings section's form is made of, so the sections keep only what is their own. */

interface FieldProps {
  label: string;
  /** Why the services refused the value; the field is marked and says so under the control. */
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
}

/** A labelled control with an optional hint and, when refused, the reason under it. */
export function Field({ label, error, hint, children }: FieldProps) {
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

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'value' | 'onChange' | 'children'>;

interface TextFieldProps extends Omit<FieldProps, 'children'>, InputProps {
  value: string;
  onChange: (value: string) => void;
  testId?: string;
}

/** A labelled text input; any other input attribute (type, inputMode, maxLength, autoComplete…) goes to the input. */
export function TextField({ label, error, hint, value, onChange, testId, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      <input className="field__input" data-testid={testId} value={value} {...input} onChange={(event) => onChange(event.target.value)} />
    </Field>
  );
}

interface SecretFieldProps extends Omit<FieldProps, 'children' | 'hint'> {
  /** Whether a secret is stored: the form never receives it, only this. */
  stored: boolean;
  storedHint: string;
  missingHint: string;
  /** What is typed: blank keeps the stored secret. */
  value: string;
  onChange: (value: string) => void;
  testId: string;
}

/** A write-only password or token: a stored one is never shown, only said to be there. */
export function SecretField({ label, error, stored, storedHint, missingHint, value, onChange, testId }: SecretFieldProps) {
  return (
    <Field label={label} error={error} hint={stored ? storedHint : missingHint}>
      <input
        className="field__input"
        data-testid={testId}
        type="password"
        value={value}
        placeholder={stored ? '••••••••' : ''}
        autoComplete="new-password"
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

interface CheckFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  /** The plain inline row some sections use instead of the check layout. */
  inline?: boolean;
}

export function CheckField({ label, checked, onChange, testId, inline = false }: CheckFieldProps) {
  return (
    <label className={inline ? 'field field--inline' : 'field field--check'}>
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

interface SaveRowProps {
  label: string;
  testId: string;
  /** Shown as a status after a save went through. */
  saved: boolean;
  savedText: string;
  savedTestId: string;
  /** A save under way: the button waits. */
  busy?: boolean;
  primary?: boolean;
  /** More buttons, between the save button and the status (a connection test). */
  children?: ReactNode;
}

/** The submit button of a settings form and the "saved" status beside it. */
export function SaveRow({ label, testId, saved, savedText, savedTestId, busy = false, primary = true, children }: SaveRowProps) {
  return (
    <div className="settings__save">
      <button type="submit" className={primary ? 'button button--primary' : 'button'} data-testid={testId} disabled={busy}>
        {label}
      </button>
      {children}
      {saved && (
        <p className="settings__saved" role="status" data-testid={savedTestId}>
          {savedText}
        </p>
      )}
    </div>
  );
}

interface ErrorLineProps extends Omit<HTMLAttributes<HTMLParagraphElement>, 'className' | 'role'> {
  error: ApiError;
  testId?: string;
  /** The text when not the error code's own message. */
  children?: ReactNode;
}

/** An error the clerk must see, with its code for support; other attributes (data-ok) go to the line. */
export function ErrorLine({ error, testId, children, ...attributes }: ErrorLineProps) {
  const { t } = useTranslation();
  return (
    <p className="patient-error" role="alert" data-testid={testId} data-code={error.code} {...attributes}>
      {children ?? t(`errors.${error.code}`)}
    </p>
  );
}

/** "Loading…" until the section's settings arrive, or why they could not be loaded. */
export function LoadStatus({ loaded, error, loadingText }: { loaded: boolean; error: ApiError | undefined; loadingText: string }) {
  if (error) return <ErrorLine error={error} />;
  return loaded ? null : <p className="loading">{loadingText}</p>;
}

/** Why a save was refused: a general line when fields are marked (each says its own reason), else the error's message. */
export function SaveFailedLine({ save, testId, fieldsText }: { save: SaveState; testId: string; fieldsText: string }) {
  if (save.phase !== 'failed') return null;
  return (
    <ErrorLine error={save.error} testId={testId}>
      {save.fields.size > 0 ? fieldsText : undefined}
    </ErrorLine>
  );
}
