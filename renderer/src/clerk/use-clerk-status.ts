import { createContext, use, useEffect, useState } from 'react';
import type { ClerkStatus } from '../../../domain/clerk-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { useConnected } from '../status/use-connected.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

/** Who is signed in at the desk, asked on every (re)connection and followed through `clerk.changed`. */
export function useClerkStatus(): ClerkStatus | undefined {
  const { client } = useBridge();
  const connected = useConnected();
  const [status, setStatus] = useState<ClerkStatus | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const show = (next: ClerkStatus) => {
      if (!live) return;
      setStatus(next);
      recordTestEvent('clerk-status', { signedIn: next.signedIn?.code ?? '', required: next.required, clerks: next.clerks.length });
    };
    const off = client.on('clerk.changed', show);
    if (connected) void client.call('clerks.status', {}).then((answer) => answer.ok && show(answer.value));
    return () => {
      live = false;
      off();
    };
  }, [client, connected]);

  return status;
}

/** The desk's clerk status for the parts that name the clerk (top bar, ticket). */
export const ClerkContext = createContext<ClerkStatus | undefined>(undefined);

export function useClerk(): ClerkStatus | undefined {
  return use(ClerkContext);
}
