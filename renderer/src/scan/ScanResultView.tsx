import { useTranslation } from 'react-i18next';
import type { IdentityWarning } from '../../../domain/identity/issues.ts';
import type { PartialDate } from '../../../domain/identity/partial-date.ts';
import type { ScanEvent } from '../../../domain/scan.ts';
import type { ScanField } from '../i18n/messages.ts';

/** The clerk reads dd/mm/yyyy; a birth date known only to the month or year is shown as such. */
export function displayPartialDate(date: PartialDate | null | undefined): string | undefined {
  if (!date) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  switch (date.precision) {
    case 'day':
      return `${two(date.day)}/${two(date.month)}/${date.year}`;
    case 'month':
      return `${two(date.month)}/${date.year}`;
    case 'year':
      return String(date.year);
  }
}

interface Row {
  readonly field: ScanField;
  readonly text: string | undefined;
}

/** Result fields whose warnings ask the clerk to look, mapped to the rows that show them. */
function fieldsToCheck(warnings: readonly IdentityWarning[]): Set<ScanField> {
  const check = new Set<ScanField>();
  for (const warning of warnings) {
    if (!warning.needsConfirmation) continue;
    const field = warning.field === 'validFrom' || warning.field === 'validTo' ? 'validity' : warning.field;
    check.add(field as ScanField);
  }
  return check;
}

export function ScanResultView({ scan, garbled }: { scan: ScanEvent; garbled: boolean }) {
  const { t } = useTranslation();
  const sex = (value: 'male' | 'female' | 'unspecified' | null | undefined) => (value ? t(`scan.sex.${value}`) : undefined);

  let rows: Row[] = [];
  let check = new Set<ScanField>();
  if (scan.kind === 'cccd' && scan.parsed) {
    const p = scan.parsed;
    rows = [
      { field: 'idNumber', text: p.idNumber },
      { field: 'fullName', text: p.fullName },
      { field: 'dateOfBirth', text: displayPartialDate(p.dateOfBirth) },
      { field: 'sex', text: sex(p.sex) },
      { field: 'address', text: p.address ?? undefined },
      { field: 'issueDate', text: displayPartialDate(p.issueDate) },
      { field: 'oldIdNumber', text: p.oldIdNumber ?? undefined },
      { field: 'layout', text: t(`scan.layout.${p.layout}`) },
    ];
    check = fieldsToCheck(p.warnings);
    if (p.confidence === 'heuristic') for (const field of ['idNumber', 'fullName', 'dateOfBirth', 'address'] as const) check.add(field);
  } else if (scan.kind === 'bhyt' && scan.parsed) {
    const p = scan.parsed;
    const from = displayPartialDate(p.validFrom);
    const to = displayPartialDate(p.validTo) ?? t('scan.openEnded');
    rows = [
      { field: 'cardNumber', text: p.cardNumber ?? undefined },
      { field: 'socialInsuranceNumber', text: p.socialInsuranceNumber },
      { field: 'fullName', text: p.fullName },
      { field: 'dateOfBirth', text: displayPartialDate(p.dateOfBirth) },
      { field: 'sex', text: sex(p.sex) },
      { field: 'validity', text: from ? `${from} – ${to}` : undefined },
      { field: 'registeredFacility', text: p.registeredFacility ?? undefined },
      { field: 'benefitLevel', text: p.benefitLevel === null ? undefined : String(p.benefitLevel) },
      { field: 'address', text: p.address ?? undefined },
      { field: 'guardianName', text: p.guardianName ?? undefined },
      { field: 'issuingPlace', text: p.issuingPlace ?? undefined },
      { field: 'layout', text: t(`scan.layout.${p.layout}`) },
    ];
    check = fieldsToCheck(p.warnings);
  }
  if (garbled) check.add('fullName');

  return (
    <dl className="scan-result" data-testid="scan-result">
      {rows.map(({ field, text }) =>
        text === undefined || text === '' ? null : (
          <div key={field} className="scan-result__field" data-testid="scan-field" data-field={field} data-check={check.has(field)}>
            <dt>
              {t(`scan.fields.${field}`)}
              {check.has(field) && <span className="scan-result__check">{t('scan.check')}</span>}
            </dt>
            <dd>{text}</dd>
          </div>
        ),
      )}
      <div className="scan-result__field scan-result__field--source" data-testid="scan-field" data-field="source">
        <dt>{t('scan.fields.source')}</dt>
        <dd>{t(`scan.sources.${scan.source.kind}`)}</dd>
      </div>
    </dl>
  );
}
