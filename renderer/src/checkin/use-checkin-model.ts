import { useCallback, useEffect, useRef, useState } from 'react';
import {
  resumeAtTicket,
  transition,
  type CheckinConfig,
  type CheckinEffect,
  type CheckinEvent,
  type CheckinRefusal,
  type CheckinState,
  type NumberedVisit,
  type Transition,
} from '../../../domain/checkin/index.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

/** Runs one effect of the check-in (an API call) and answers with the events of its result. */
export type EffectRunner = (effect: CheckinEffect, state: CheckinState) => Promise<readonly CheckinEvent[]>;

export interface CheckinModel {
  /** Undefined until the desk's settings are known. */
  readonly state: CheckinState | undefined;
  /** Applies a clerk's action or a view's report; a refusal is returned (and reported in the test log), never thrown. */
  readonly dispatch: (event: CheckinEvent) => CheckinRefusal | undefined;
}

/**
 * The desk's check-in as one state, the domain model's (domain/checkin/flow.ts):
 * every change goes through `dispatch`, which runs the model's transition, keeps
 * the new state, hands its effects to the one effect runner, and feeds the
 * runner's result events back in. The screen is a view of the state.
 */
export function useCheckinModel(visit: NumberedVisit, config: CheckinConfig | undefined, runEffect: EffectRunner): CheckinModel {
  const [state, setState] = useState<CheckinState | undefined>(undefined);
  const current = useRef<CheckinState | undefined>(undefined);
  const runner = useRef(runEffect);
  useEffect(() => {
    runner.current = runEffect;
  });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const settle = useCallback((result: Transition, cause: string): CheckinRefusal | undefined => {
    if (!result.ok) {
      recordTestEvent('checkin-refused', { event: cause, step: result.error.step, code: result.error.code });
      return result.error;
    }
    const before = current.current;
    current.current = result.state;
    setState(result.state);
    if (before?.step !== result.state.step) {
      recordTestEvent('checkin-step', { step: result.state.step, event: cause, pending: result.state.pending ?? '' });
    }
    for (const effect of result.effects) {
      void runner.current(effect, result.state).then((events) => {
        if (!live.current) return;
        for (const event of events) dispatchRef.current(event);
      });
    }
    return undefined;
  }, []);

  const dispatch = useCallback(
    (event: CheckinEvent): CheckinRefusal | undefined => {
      const now = current.current;
      if (!now || !config) return { code: 'NOT_ALLOWED_IN_STEP', step: 'identify', event: event.type, message: 'the check-in has not started' };
      return settle(transition(now, event, config), event.type);
    },
    [config, settle],
  );
  const dispatchRef = useRef(dispatch);
  useEffect(() => {
    dispatchRef.current = dispatch;
  });

  // The visit's number is issued: the check-in takes up from its ticket, once the desk's settings are known.
  const started = useRef(false);
  useEffect(() => {
    if (!config || started.current) return;
    started.current = true;
    settle(resumeAtTicket(visit, config), 'resumed');
  }, [config, visit, settle]);

  return { state, dispatch };
}
