import { createContext, use, useEffect, useId, useSyncExternalStore } from 'react';

/**
 * Which settings sections hold edits not saved yet, so closing the settings
 * asks first instead of dropping them. Each section reports itself by name.
 */
export class UnsavedSections {
  readonly #sections = new Map<string, string>();
  readonly #listeners = new Set<() => void>();
  #names: readonly string[] = [];

  set(key: string, name: string, unsaved: boolean): void {
    const had = this.#sections.get(key) === name;
    if (unsaved === had) return;
    if (unsaved) this.#sections.set(key, name);
    else this.#sections.delete(key);
    this.#names = [...this.#sections.values()];
    for (const listener of this.#listeners) listener();
  }

  names = (): readonly string[] => this.#names;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

export const UnsavedSectionsContext = createContext<UnsavedSections | undefined>(undefined);

/** A section says, by its title, whether it holds unsaved edits. */
export function useUnsavedSection(name: string, unsaved: boolean): void {
  const store = use(UnsavedSectionsContext);
  const key = useId();
  useEffect(() => {
    store?.set(key, name, unsaved);
  }, [store, key, name, unsaved]);
  useEffect(() => () => store?.set(key, name, false), [store, key, name]);
}

/** The titles of the sections with unsaved edits. */
export function useUnsavedSectionNames(store: UnsavedSections): readonly string[] {
  return useSyncExternalStore(store.subscribe, store.names);
}
