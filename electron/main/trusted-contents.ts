/**
 * The webContents of windows this app created. IPC from anything else (a
 * devtools page, a stray webContents) is refused, and events go only here.
 */
export interface TrackedContents {
  readonly id: number;
  once(event: 'destroyed', listener: () => void): unknown;
  isDestroyed(): boolean;
}

export class TrustedContents<C extends TrackedContents = TrackedContents> {
  readonly #byId = new Map<number, C>();

  add(contents: C): void {
    this.#byId.set(contents.id, contents);
    contents.once('destroyed', () => this.#byId.delete(contents.id));
  }

  has(contents: { readonly id: number } | null | undefined): boolean {
    return contents != null && this.#byId.get(contents.id) === contents;
  }

  /** Live trusted contents, skipping any already destroyed. */
  list(): C[] {
    return [...this.#byId.values()].filter((contents) => !contents.isDestroyed());
  }
}
