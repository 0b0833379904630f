import { useCallback, useEffect, useReducer } from 'react';
import type { ApiClient } from '../../../domain/api.ts';
import type { CardAccessKey, CardFile, CardProgress, CardReadResult, CardReadStep } from '../../../domain/card.ts';
import type { ApiError } from '../../../domain/errors.ts';

export interface FileProgress {
  readonly file: CardFile;
  readonly bytesRead: number;
  readonly totalBytes: number | undefined;
}

export type CardReadView =
  | { readonly phase: 'idle' }
  | { readonly phase: 'reading'; readonly reader: string | undefined; readonly step: CardReadStep; readonly files: readonly FileProgress[] }
  | { readonly phase: 'done'; readonly result: CardReadResult }
  | { readonly phase: 'failed'; readonly error: ApiError };

type Action =
  | { type: 'started'; reader: string | undefined }
  | { type: 'progress'; progress: CardProgress }
  | { type: 'done'; result: CardReadResult }
  | { type: 'failed'; error: ApiError }
  | { type: 'cleared' };

const IDLE: CardReadView = { phase: 'idle' };

function reduce(view: CardReadView, action: Action): CardReadView {
  switch (action.type) {
    case 'started':
      return { phase: 'reading', reader: action.reader, step: 'connecting', files: [] };
    case 'progress':
      return view.phase === 'reading' ? withProgress(view, action.progress) : view;
    case 'done':
      return { phase: 'done', result: action.result };
    case 'failed':
      return { phase: 'failed', error: action.error };
    case 'cleared':
      return IDLE;
  }
}

function withProgress(view: Extract<CardReadView, { phase: 'reading' }>, progress: CardProgress): CardReadView {
  if (view.reader !== undefined && progress.reader !== view.reader) return view;
  const { file } = progress;
  if (!file) return { ...view, step: progress.step };
  const entry: FileProgress = { file, bytesRead: progress.bytesRead ?? 0, totalBytes: progress.totalBytes };
  const known = view.files.some((f) => f.file === file);
  return {
    ...view,
    step: progress.step,
    files: known ? view.files.map((f) => (f.file === file ? entry : f)) : [...view.files, entry],
  };
}

export interface CardReading {
  readonly view: CardReadView;
  read(key: CardAccessKey, reader?: string): Promise<void>;
  clear(): void;
}

/** One card read at a time: its progress from card.progress, its outcome from the call's answer. */
export function useCardRead(client: ApiClient): CardReading {
  const [view, dispatch] = useReducer(reduce, IDLE);

  useEffect(() => client.on('card.progress', (progress) => dispatch({ type: 'progress', progress })), [client]);

  const read = useCallback(
    async (key: CardAccessKey, reader?: string) => {
      dispatch({ type: 'started', reader });
      const result = await client.call('card.read', { key, ...(reader ? { reader } : {}) });
      dispatch(result.ok ? { type: 'done', result: result.value } : { type: 'failed', error: result.error });
    },
    [client],
  );

  const clear = useCallback(() => dispatch({ type: 'cleared' }), []);
  return { view, read, clear };
}
