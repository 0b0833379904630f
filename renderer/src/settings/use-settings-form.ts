import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { Result } from '../../../domain/result.ts';
import { useBridge } from '../app/bridge-context.ts';
import { fieldErrorsFrom, fieldErrorText, type FieldError } from './settings-form.ts';
import { useUnsavedSection } from './unsaved-sections.ts';

export type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved' }
  | { phase: 'failed'; error: ApiError; fields: ReadonlyMap<string, FieldError> };

/**
 * Where a settings section's values come from and go to. Declare it once at
 * module level (it is an effect dependency). The callbacks after toForm are
 * there for the section's test events.
 */
export interface SettingsSource<View, Form> {
  load(client: ApiClient): Promise<Result<View>>;
  save(client: ApiClient, form: Form): Promise<Result<View>>;
  /** The stored settings as the form edits them (secrets blank, numbers as text). */
  toForm(view: View): Form;
  loaded?(view: View): void;
  saved?(view: View): void;
  /** The services refused the save; paths are the refused fields, dotted ("timeouts.loginMs"). */
  refused?(error: ApiError, paths: readonly string[]): void;
}

export interface SettingsFormState<Form> {
  /** Undefined until loaded (and for good when loading failed). */
  form: Form | undefined;
  loadError: ApiError | undefined;
  save: SaveState;
  submit(event: FormEvent): Promise<void>;
  /** Any edit clears a previous "saved" or refusal. */
  change(patch: Partial<Form>): void;
  /** Why the services refused the field at this path, in the clerk's language when the rule is known; undefined when they did not. */
  errorAt(path: string): string | undefined;
  /** The form holds edits not saved yet. */
  edited: boolean;
  /**
   * Marks the fields another call refused in the form's values (a connection test), as a refused save marks them;
   * `under` is where that call's input holds the values, so its paths start with it.
   */
  markRefused(error: ApiError, under: string): void;
}

/**
 * A settings section's form: loaded once, edited, saved, each refused field named by the services.
 * `title` names the section when the settings close with its edits unsaved.
 */
export function useSettingsForm<View, Form>(source: SettingsSource<View, Form>, title: string): SettingsFormState<Form> {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [form, setForm] = useState<Form | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });
  const [refused, setRefused] = useState<ReadonlyMap<string, FieldError>>(NONE_REFUSED);
  const [edited, setEdited] = useState(false);
  useUnsavedSection(title, edited);

  useEffect(() => {
    let live = true;
    void source.load(client).then((result) => {
      if (!live) return;
      if (result.ok) {
        setForm(source.toForm(result.value));
        source.loaded?.(result.value);
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [client, source]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!form || save.phase === 'saving') return;
    setSave({ phase: 'saving' });
    const result = await source.save(client, form);
    if (result.ok) {
      setForm(source.toForm(result.value));
      setEdited(false);
      setSave({ phase: 'saved' });
      setRefused(NONE_REFUSED);
      source.saved?.(result.value);
    } else {
      const fields = firstErrorPerField(result.error.detail);
      setSave({ phase: 'failed', error: result.error, fields });
      setRefused(fields);
      source.refused?.(result.error, [...fields.keys()]);
    }
  }

  const change = (patch: Partial<Form>): void => {
    setForm((previous) => (previous ? { ...previous, ...patch } : previous));
    setEdited(true);
    setSave({ phase: 'idle' });
    setRefused(NONE_REFUSED);
  };

  const markRefused = (error: ApiError, under: string): void => setRefused(firstErrorPerField(error.detail, `${under}.`));

  const errorAt = (path: string): string | undefined => {
    const issue = refused.get(path);
    if (!issue) return undefined;
    return fieldErrorText(t, issue);
  };

  return { form, loadError, save, submit, change, errorAt, edited, markRefused };
}

const NONE_REFUSED: ReadonlyMap<string, FieldError> = new Map();

/**
 * One line fits under a field: the first refusal the services give for it (zod reports the most basic check first),
 * keyed by its path in the form (without `prefix`).
 */
function firstErrorPerField(detail: unknown, prefix = ''): ReadonlyMap<string, FieldError> {
  const fields = new Map<string, FieldError>();
  for (const error of fieldErrorsFrom(detail)) {
    const path = error.path.startsWith(prefix) ? error.path.slice(prefix.length) : error.path;
    if (!fields.has(path)) fields.set(path, { ...error, path });
  }
  return fields;
}
