import { useState } from 'react';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { Result } from '../../../domain/result.ts';
import { useBridge } from '../app/bridge-context.ts';

export type ConnectionTestState<Outcome> =
  | { phase: 'idle' }
  | { phase: 'testing' }
  | { phase: 'done'; result: Outcome }
  | { phase: 'failed'; error: ApiError };

/**
 * A settings section's "test the connection" button: asks the services to try
 * the saved settings and keeps what they answered (or why the call failed).
 * `finished` is called with every answer, for the section's test event.
 */
export function useConnectionTest<Outcome>(
  run: (client: ApiClient) => Promise<Result<Outcome>>,
  finished: (answer: Result<Outcome>) => void,
): { test: ConnectionTestState<Outcome>; startTest: () => Promise<void> } {
  const { client } = useBridge();
  const [test, setTest] = useState<ConnectionTestState<Outcome>>({ phase: 'idle' });

  async function startTest(): Promise<void> {
    setTest({ phase: 'testing' });
    const answer = await run(client);
    setTest(answer.ok ? { phase: 'done', result: answer.value } : { phase: 'failed', error: answer.error });
    finished(answer);
  }

  return { test, startTest };
}
