import { TEST_EVENT_TYPE, TEST_EVENTS_KEY, TEST_HOOKS_KEY, type TestEvent, type TestEventDetail, type TestEventName } from './test-event-names.ts';

/** A long-running kiosk must not grow without bound; tests only look at recent events. */
const MAX_KEPT = 1_000;

let nextSeq = 1;

export function recordTestEvent(name: TestEventName, detail: TestEventDetail = {}): void {
  if (window[TEST_HOOKS_KEY] !== true) return;
  const event: TestEvent = { seq: nextSeq++, name, detail };
  const log = (window[TEST_EVENTS_KEY] ??= []);
  log.push(event);
  if (log.length > MAX_KEPT) log.splice(0, log.length - MAX_KEPT);
  window.dispatchEvent(new CustomEvent<TestEvent>(TEST_EVENT_TYPE, { detail: event }));
}
