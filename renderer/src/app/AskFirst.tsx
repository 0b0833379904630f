import { useEffect, useId, useRef, type ReactNode } from 'react';

interface AskFirstProps {
  testId: string;
  title?: string;
  /** What is asked. */
  children: ReactNode;
  /** The answers, as buttons; the first takes the focus, so Enter gives it. */
  actions: ReactNode;
  /** Esc: the answer that changes nothing. */
  onEscape: () => void;
  /** Extra data attributes for tests, e.g. what is being asked about. */
  kind?: string;
}

/** A question in the flow of the desk (not a modal): it takes the focus, its first answer is the default, Esc backs out. */
export function AskFirst({ testId, title, children, actions, onEscape, kind }: AskFirstProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  return (
    <div
      ref={box}
      className="ask-first"
      role="alertdialog"
      aria-labelledby={title ? `${id}-title` : `${id}-text`}
      aria-describedby={title ? `${id}-text` : undefined}
      data-testid={testId}
      data-kind={kind}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onEscape();
        }
      }}
    >
      {title && (
        <strong id={`${id}-title`} className="ask-first__title">
          {title}
        </strong>
      )}
      <p id={`${id}-text`} className="ask-first__text">
        {children}
      </p>
      <div className="ask-first__actions">{actions}</div>
    </div>
  );
}
