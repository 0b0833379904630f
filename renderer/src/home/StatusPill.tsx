import type { ReactNode } from 'react';

export type Tone = 'ok' | 'busy' | 'bad' | 'neutral';

interface StatusPillProps {
  tone: Tone;
  state: string;
  testId: string;
  children: ReactNode;
}

/** A state shown by text first; the colour and mark only repeat it. */
export function StatusPill({ tone, state, testId, children }: StatusPillProps) {
  return (
    <span className={`pill pill--${tone}`} data-testid={testId} data-state={state}>
      {children}
    </span>
  );
}
