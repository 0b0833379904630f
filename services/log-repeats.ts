/**
 * Repeated warnings and errors, counted instead of written. The first of a kind
 * (same level, message, bindings and fields) is written; the same line again
 * within the window is only counted, and when the window ends one line with the
 * same message says how many more there were (`moreLikeThis`). A flood of
 * refused connections, or a device failing the same way every second, adds a
 * line per window instead of a line each, so it does not rotate useful lines away.
 */
import { redactRecord, type Logger } from './log.ts';

export interface RepeatOptions {
  /** How long identical lines are counted before their summary is written. */
  windowMs?: number;
  /** Kinds of line counted at once; beyond that lines are written as they come. */
  maxTracked?: number;
}

export const REPEAT_WINDOW_MS = 60_000;
const MAX_TRACKED = 1_000;

type Level = 'warn' | 'error';

export function collapsingRepeats(log: Logger, { windowMs = REPEAT_WINDOW_MS, maxTracked = MAX_TRACKED }: RepeatOptions = {}): Logger {
  /** Lines written in their current window, by kind: how many more like them came since. */
  const counting = new Map<string, { more: number }>();

  const wrap = (target: Logger, bindings: Record<string, unknown>): Logger => {
    const write = (level: Level, msg: string, fields?: Record<string, unknown>): void => {
      const key = JSON.stringify(redactRecord({ level, msg, ...bindings, ...fields }));
      const window = counting.get(key);
      if (window) {
        window.more += 1;
        return;
      }
      target[level](msg, fields);
      if (counting.size >= maxTracked) return;
      const started = { more: 0 };
      counting.set(key, started);
      const close = (): void => {
        if (started.more === 0) {
          counting.delete(key);
          return;
        }
        target[level](msg, { ...fields, moreLikeThis: started.more, withinMs: windowMs });
        // Still repeating: keep counting, so a steady flood writes one summary per window.
        started.more = 0;
        setTimeout(close, windowMs).unref();
      };
      setTimeout(close, windowMs).unref();
    };
    return {
      debug: (msg, fields) => target.debug(msg, fields),
      info: (msg, fields) => target.info(msg, fields),
      warn: (msg, fields) => write('warn', msg, fields),
      error: (msg, fields) => write('error', msg, fields),
      child: (more) => wrap(target.child(more), { ...bindings, ...more }),
    };
  };
  return wrap(log, {});
}
