import { createContext, useContext, useEffect, useId, useSyncExternalStore } from 'react';
import type { DeskAction } from './desk-keys.ts';

/** Where the clerk is in a check-in, as far as the keys go: later steps win over earlier ones still on screen. */
export const DESK_STEPS = ['identify', 'register', 'visit', 'ticket', 'identity-check', 'payment', 'done'] as const;
export type DeskStep = (typeof DESK_STEPS)[number];

/** The keys that act in each step, in the order the hint bar shows them. */
export const STEP_KEYS: Record<DeskStep, readonly DeskAction[]> = {
  identify: ['readCard', 'search', 'newPatient', 'camera'],
  register: ['save', 'issueNumber', 'search', 'newPatient'],
  visit: ['issueNumber', 'save', 'search', 'newPatient'],
  ticket: [],
  'identity-check': ['samePerson', 'notSamePerson', 'skipIdentityCheck'],
  payment: ['transferReceived', 'cashReceived'],
  done: ['readCard', 'search', 'newPatient'],
};

/** Keys that act on every step. */
export const ALWAYS_KEYS: readonly DeskAction[] = ['switchClerk', 'settings', 'language'];

/** The steps the mounted parts of the desk say they are showing; the latest in DESK_STEPS is the clerk's step. */
export class DeskStepStore {
  private readonly shown = new Map<string, DeskStep>();
  private readonly listeners = new Set<() => void>();
  private current: DeskStep = 'identify';

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly step = (): DeskStep => this.current;

  show(owner: string, step: DeskStep | undefined): void {
    if (step) this.shown.set(owner, step);
    else this.shown.delete(owner);
    const steps = [...this.shown.values()];
    const next = DESK_STEPS.findLast((candidate) => steps.includes(candidate)) ?? 'identify';
    if (next === this.current) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}

export const DeskStepContext = createContext(new DeskStepStore());

/** This part of the desk shows `step` (undefined: none right now). */
export function useShowDeskStep(step: DeskStep | undefined): void {
  const store = useContext(DeskStepContext);
  const owner = useId();
  useEffect(() => {
    store.show(owner, step);
    return () => store.show(owner, undefined);
  }, [store, owner, step]);
}

export function useDeskStep(): DeskStep {
  const store = useContext(DeskStepContext);
  return useSyncExternalStore(store.subscribe, store.step);
}
