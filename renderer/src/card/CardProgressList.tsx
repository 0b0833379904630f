import { useTranslation } from 'react-i18next';
import type { FileProgress } from './use-card-read.ts';

/** One line per data group as it is read, so a slow photo never looks like a hang. */
export function CardProgressList({ files }: { files: readonly FileProgress[] }) {
  const { t } = useTranslation();
  return (
    <ul className="card-progress" data-testid="card-progress" aria-live="polite">
      {files.map(({ file, bytesRead, totalBytes }) => {
        const done = totalBytes !== undefined && bytesRead >= totalBytes;
        return (
          <li key={file} className="card-progress__item" data-testid="card-progress-file" data-file={file} data-done={done}>
            <span className="card-progress__name">{t(`card.files.${file}`)}</span>
            <progress max={totalBytes ?? 1} value={totalBytes === undefined ? undefined : bytesRead} />
            <span className="card-progress__bytes">{t('card.progressOf', { read: bytesRead, total: totalBytes ?? '?' })}</span>
          </li>
        );
      })}
    </ul>
  );
}
