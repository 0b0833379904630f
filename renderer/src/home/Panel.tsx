import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  status: ReactNode;
  testId: string;
  children?: ReactNode;
}

export function Panel({ title, status, testId, children }: PanelProps) {
  return (
    <section className="panel" data-testid={testId} aria-label={title}>
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        {status}
      </header>
      {children && <div className="panel__body">{children}</div>}
    </section>
  );
}
