import { useState } from 'react';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { Result } from '../../../domain/result.ts';
import { useBridge } from '../app/bridge-context.ts';
import type { SettingsFormState } from './use-settings-form.ts';

export type ConnectionTestState<Outcome> =
  | { phase: 'idle' }
  | { phase: 'testing' }
  /** `unsaved`: the values tested held edits not saved yet. */
  | { phase: 'done'; result: Outcome; unsaved: boolean }
  | { phase: 'failed'; error: ApiError };

/** Where the test methods take the typed values in their input ({ settings }), so the paths they refuse start with it. */
const TESTED_VALUES_KEY = 'settings';

/**
 * A settings section's "test the connection" button: asks the services to try
 * the values in the form as they are now, saved or not (`run` sends them under
 * `settings`), and keeps what they answered (or why the call failed); a value
 * they refuse is marked at its field, as a refused save marks it.
 * `finished` is called with every answer, for the section's test event.
 */
export function useConnectionTest<Form, Outcome>(
  settings: SettingsFormState<Form>,
  run: (client: ApiClient, form: Form) => Promise<Result<Outcome>>,
  finished: (answer: Result<Outcome>) => void,
): { test: ConnectionTestState<Outcome>; startTest: () => Promise<void> } {
  const { client } = useBridge();
  const [test, setTest] = useState<ConnectionTestState<Outcome>>({ phase: 'idle' });

  async function startTest(): Promise<void> {
    const { form, edited } = settings;
    if (!form) return;
    setTest({ phase: 'testing' });
    const answer = await run(client, form);
    if (answer.ok) setTest({ phase: 'done', result: answer.value, unsaved: edited });
    else {
      setTest({ phase: 'failed', error: answer.error });
      if (answer.error.code === 'BAD_INPUT') settings.markRefused(answer.error, TESTED_VALUES_KEY);
    }
    finished(answer);
  }

  return { test, startTest };
}
