/**
 * Dispatches a method call: checks the name, validates the input, runs the
 * handler, validates the output. Never throws: every failure is a typed error.
 */
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type MethodOutput } from '../domain/api.ts';
import { isAppError, type AppError } from '../domain/errors.ts';
import type { Result } from '../domain/result.ts';
import type { Logger } from './log.ts';

/**
 * Who is calling: an object that lives as long as the connection (a window's
 * WebContents, a WebSocket), for per-connection state such as the admin session.
 */
export type Caller = object;

export type MethodHandler<M extends MethodName> = (
  input: z.output<(typeof methods)[M]['input']>,
  caller: Caller,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type MethodHandlers = { [M in MethodName]: MethodHandler<M> };

/** Runs before a call's input is read: an error to answer instead (e.g. ADMIN_LOCKED), or undefined to go on. */
export type CallGuard = (method: MethodName, caller: Caller) => AppError | undefined;

/** The caller of in-process calls that name none (the CLI, tests): guarded like any other. */
export const IN_PROCESS_CALLER: Caller = Object.freeze({ inProcess: true });

export class ApiRouter {
  readonly #handlers: MethodHandlers;
  readonly #log: Logger;
  readonly #guard: CallGuard | undefined;

  constructor(handlers: MethodHandlers, log: Logger, guard?: CallGuard) {
    this.#handlers = handlers;
    this.#log = log;
    this.#guard = guard;
  }

  async dispatch(method: unknown, input: unknown, caller: Caller = IN_PROCESS_CALLER): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 80)}` } };
    }
    const refusal = this.#guard?.(method, caller);
    if (refusal) return { ok: false, error: refusal.toApiError() };
    const spec = methods[method];
    const parsedInput = spec.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      const issues = parsedInput.error.issues.map(describeIssue);
      const first = issues[0];
      // The first field in the message, so a settings form can say which one is wrong without reading detail.
      const where = first ? `: ${first.path.length > 0 ? `${first.path.join('.')}: ` : ''}${first.message}` : '';
      return { ok: false, error: { code: 'BAD_INPUT', message: `Invalid input for ${method}${where}`, detail: issues } };
    }
    let output: unknown;
    try {
      const handler = this.#handlers[method] as (input: unknown, caller: Caller) => unknown;
      output = await handler(parsedInput.data, caller);
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.toApiError() };
      this.#log.error('handler failed', { method, error: error instanceof Error ? error.message : String(error) });
      return { ok: false, error: { code: 'INTERNAL', message: `${method} failed unexpectedly` } };
    }
    const parsedOutput = spec.output.safeParse(output);
    if (!parsedOutput.success) {
      this.#log.error('handler answered outside the contract', { method, issues: parsedOutput.error.issues.length });
      return { ok: false, error: { code: 'BAD_OUTPUT', message: `${method} produced an invalid answer` } };
    }
    return { ok: true, value: parsedOutput.data };
  }
}

/**
 * A zod issue for the wire: its path, its rule, limit and the kind of value (so a screen can say it in the
 * clerk's language: "too short" for a text, "too small" for a number), and zod's words. A refinement names
 * its own rule in `params.rule`.
 */
function describeIssue(issue: z.core.$ZodIssue): { path: string[]; message: string; rule: string; limit?: number; origin?: string } {
  const limit = 'minimum' in issue ? issue.minimum : 'maximum' in issue ? issue.maximum : undefined;
  const ownRule = issue.code === 'custom' && typeof issue.params?.['rule'] === 'string' ? issue.params['rule'] : undefined;
  return {
    path: issue.path.map(String),
    message: issue.message,
    rule: ownRule ?? issue.code,
    ...(typeof limit === 'number' ? { limit } : typeof limit === 'bigint' ? { limit: Number(limit) } : {}),
    ...('origin' in issue && typeof issue.origin === 'string' ? { origin: issue.origin } : {}),
  };
}
