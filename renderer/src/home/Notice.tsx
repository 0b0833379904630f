import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../domain/errors.ts';

/** What went wrong, said as what the clerk should do next. */
export function Notice({ code }: { code: ErrorCode }) {
  const { t } = useTranslation();
  return (
    <p className="notice" role="alert" data-testid="notice" data-code={code}>
      {t(`errors.${code}`)}
    </p>
  );
}
