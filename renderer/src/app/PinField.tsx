import type { Ref } from 'react';

interface PinFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  testId: string;
}

/** A PIN entry, digits only, never shown: the admin PIN and the clerks' PINs. */
export function PinField({ id, label, value, onChange, autoFocus = false, inputRef, testId }: PinFieldProps) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        className="field__input admin-gate__pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        autoFocus={autoFocus}
        value={value}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))}
        data-testid={testId}
      />
    </div>
  );
}
