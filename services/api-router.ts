/**
 * Dispatches a method call: checks the name, validates the input, runs the
 * handler, validates the output. Never throws: every failure is a typed error.
 */
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type MethodOutput } from '../domain/api.ts';
import { isAppError } from '../domain/errors.ts';
import type { Result } from '../domain/result.ts';
import type { Logger } from './log.ts';

export type MethodHandler<M extends MethodName> = (
  input: z.output<(typeof methods)[M]['input']>,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type MethodHandlers = { [M in MethodName]: MethodHandler<M> };

export class ApiRouter {
  readonly #handlers: MethodHandlers;
  readonly #log: Logger;

  constructor(handlers: MethodHandlers, log: Logger) {
    this.#handlers = handlers;
    this.#log = log;
  }

  async dispatch(method: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 80)}` } };
    }
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
      const handler = this.#handlers[method] as (input: unknown) => unknown;
      output = await handler(parsedInput.data);
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

/** A zod issue for the wire: its path, its rule and limit (so a screen can say it in the clerk's language), and zod's words. */
function describeIssue(issue: z.core.$ZodIssue): { path: string[]; message: string; rule: string; limit?: number } {
  const limit = 'minimum' in issue ? issue.minimum : 'maximum' in issue ? issue.maximum : undefined;
  return {
    path: issue.path.map(String),
    message: issue.message,
    rule: issue.code,
    ...(typeof limit === 'number' ? { limit } : typeof limit === 'bigint' ? { limit: Number(limit) } : {}),
  };
}
