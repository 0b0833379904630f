import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { PatientMatch } from '../../../domain/patient.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

/** Long enough to skip the keys of a word typed at speed, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 150;

export type SearchView =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string }
  | { phase: 'done'; query: string; matches: PatientMatch[] }
  | { phase: 'failed'; query: string; error: ApiError };

/**
 * Live matches for the search box: asked ~150 ms after the last key; an answer
 * to an older query than the newest one asked is dropped.
 */
export function usePatientSearch(client: ApiClient, query: string): SearchView {
  const [view, setView] = useState<SearchView>({ phase: 'idle' });
  const asked = useRef(0);

  useEffect(() => {
    const text = query.trim();
    const seq = ++asked.current;
    if (!text) {
      setView({ phase: 'idle' });
      return;
    }
    setView((previous) => (previous.phase === 'done' ? previous : { phase: 'searching', query: text }));
    const timer = setTimeout(() => {
      void client.call('patients.search', { query: text, limit: 10 }).then((result) => {
        if (seq !== asked.current) return;
        if (result.ok) {
          setView({ phase: 'done', query: text, matches: result.value.matches });
          recordTestEvent('patient-search-done', { results: result.value.matches.length });
        } else {
          setView({ phase: 'failed', query: text, error: result.error });
        }
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, query]);

  return view;
}
