import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../../domain/api.ts';
import type { DemoStatus } from '../../../domain/demo-api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

export type DemoView =
  | { readonly phase: 'unknown' }
  /** Not demo mode: nothing of the demo is shown. */
  | { readonly phase: 'off' }
  | { readonly phase: 'on'; readonly status: DemoStatus; readonly busy: boolean; readonly error: ApiError | undefined };

type DemoAction = (client: ApiClient) => Promise<{ ok: true; value: DemoStatus } | { ok: false; error: ApiError }>;

/** Whether this run is demo mode (asked once the bridge is up), and the menu's actions. */
export function useDemo(client: ApiClient, connected: boolean) {
  const [view, setView] = useState<DemoView>({ phase: 'unknown' });

  useEffect(() => {
    if (!connected) return;
    let current = true;
    void client.call('demo.status', {}).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        setView({ phase: 'on', status: answer.value, busy: false, error: undefined });
        recordTestEvent('demo-ready', { cards: answer.value.cards.length, codes: answer.value.codes.length });
      } else {
        // DEMO_MODE_OFF is the normal answer; any other error also means no demo menu.
        setView({ phase: 'off' });
      }
    });
    return () => {
      current = false;
    };
  }, [client, connected]);

  const run = useCallback(
    async (name: string, action: DemoAction) => {
      setView((previous) => (previous.phase === 'on' ? { ...previous, busy: true, error: undefined } : previous));
      const answer = await action(client);
      if (answer.ok) {
        setView({ phase: 'on', status: answer.value, busy: false, error: undefined });
        recordTestEvent('demo-changed', { action: name, cardOnReader: answer.value.cardOnReader ?? '' });
      } else {
        setView((previous) => (previous.phase === 'on' ? { ...previous, busy: false, error: answer.error } : previous));
        recordTestEvent('demo-failed', { action: name, code: answer.error.code });
      }
    },
    [client],
  );

  return {
    view,
    insertCard: (cardId: string) => run('insert', (c) => c.call('demo.insertCard', { cardId })),
    removeCard: () => run('remove', (c) => c.call('demo.removeCard', {})),
    scan: (codeId: string) => run('scan', (c) => c.call('demo.scan', { codeId })),
  };
}
