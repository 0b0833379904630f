import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A part of the screen in its own chunk, so the first screen loads less. With
 * `prefetch` the chunk is fetched once the page is idle after start: a part
 * every check-in uses is in memory before it is needed. Without it (settings,
 * camera) it loads when first shown.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own constraint: any props
export function lazyPart<T extends ComponentType<any>>(load: () => Promise<{ default: T }>, options: { prefetch: boolean }): LazyExoticComponent<T> {
  let loading: Promise<{ default: T }> | undefined;
  const start = () => (loading ??= load());
  if (options.prefetch) {
    const whenIdle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1));
    whenIdle(() => void start().catch(() => (loading = undefined)));
  }
  return lazy(start);
}
