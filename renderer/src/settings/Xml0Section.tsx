import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../domain/errors.ts';
import { Xml0IncompleteDetailSchema, type Xml0Issue } from '../../../domain/xml130-api.ts';
import type { VisitView } from '../../../domain/visit-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { ErrorLine, SaveRow, TextField } from './fields.tsx';

type ExportState =
  | { phase: 'idle' }
  | { phase: 'exporting'; visitId: number }
  | { phase: 'exported'; visitId: number; fileName: string; warnings: Xml0Issue[] }
  | { phase: 'incomplete'; visitId: number; problems: Xml0Issue[] }
  | { phase: 'failed'; error: ApiError };

/** IT's export of a visit's XML0 record (QĐ 4750/3176), and the facility code it needs. */
export function Xml0Section() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [visits, setVisits] = useState<VisitView[] | undefined>(undefined);
  const [facilityCode, setFacilityCode] = useState('');
  const [facilitySaved, setFacilitySaved] = useState(false);
  const [facilityError, setFacilityError] = useState<ApiError | undefined>(undefined);
  const [state, setState] = useState<ExportState>({ phase: 'idle' });

  useEffect(() => {
    let live = true;
    void Promise.all([client.call('visits.today', {}), client.call('settings.facility.get', {})]).then(([today, facility]) => {
      if (!live) return;
      setVisits(today.ok ? today.value.visits : []);
      if (facility.ok) setFacilityCode(facility.value.code ?? '');
    });
    return () => {
      live = false;
    };
  }, [client]);

  async function saveFacility(event: FormEvent): Promise<void> {
    event.preventDefault();
    const code = facilityCode.trim();
    const result = await client.call('settings.facility.set', { code: code === '' ? null : code });
    setFacilitySaved(result.ok);
    setFacilityError(result.ok ? undefined : result.error);
  }

  async function exportVisit(visitId: number): Promise<void> {
    setState({ phase: 'exporting', visitId });
    const result = await client.call('visits.exportXml0', { visitId });
    if (result.ok) {
      download(result.value.fileName, result.value.xml);
      setState({ phase: 'exported', visitId, fileName: result.value.fileName, warnings: result.value.warnings });
      recordTestEvent('xml0-exported', { visitId, warnings: result.value.warnings.length });
      return;
    }
    const detail = Xml0IncompleteDetailSchema.safeParse(result.error.detail);
    if (result.error.code === 'XML0_INCOMPLETE' && detail.success) setState({ phase: 'incomplete', visitId, problems: detail.data.problems });
    else setState({ phase: 'failed', error: result.error });
    recordTestEvent('xml0-export-failed', { visitId, code: result.error.code });
  }

  return (
    <section className="settings__section" aria-labelledby="xml0-title" data-testid="xml0-section">
      <h3 id="xml0-title">{t('xml0.title')}</h3>
      <p className="advice">{t('xml0.intro')}</p>
      <form className="settings__form" onSubmit={(event) => void saveFacility(event)} noValidate>
        <TextField
          label={t('xml0.facilityCode')}
          hint={t('xml0.facilityHint')}
          testId="xml0-facility-code"
          maxLength={5}
          autoComplete="off"
          value={facilityCode}
          onChange={(code) => {
            setFacilityCode(code);
            setFacilitySaved(false);
          }}
        />
        <SaveRow label={t('xml0.save')} testId="xml0-facility-save" primary={false} saved={facilitySaved} savedText={t('xml0.saved')} savedTestId="xml0-facility-saved" />
        {facilityError && <ErrorLine error={facilityError} />}
      </form>
      {visits?.length === 0 && <p className="advice">{t('xml0.noVisits')}</p>}
      {visits && visits.length > 0 && (
        <ul className="xml0-visits" data-testid="xml0-visits">
          {visits.map((visit) => (
            <li key={visit.id} className="xml0-visits__item" data-visit-id={visit.id}>
              <span className="today__number">{visit.queueNumber.display}</span>
              <span>{visit.clinic.name}</span>
              <span>{t(`visit.visitTypes.${visit.type}`)}</span>
              <button
                type="button"
                className="button button--small"
                data-testid="xml0-export"
                disabled={state.phase === 'exporting'}
                onClick={() => void exportVisit(visit.id)}
              >
                {t('xml0.export')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.phase === 'exported' && (
        <div role="status" data-testid="xml0-exported">
          <p className="settings__saved">{t('xml0.exported', { file: state.fileName })}</p>
          {state.warnings.length > 0 && <IssueList title={t('xml0.warnings')} issues={state.warnings} />}
        </div>
      )}
      {state.phase === 'incomplete' && (
        <div className="notice" role="alert" data-testid="xml0-incomplete">
          <IssueList title={t('xml0.incomplete')} issues={state.problems} />
        </div>
      )}
      {state.phase === 'failed' && <ErrorLine error={state.error} testId="xml0-error" />}
    </section>
  );
}

function IssueList({ title, issues }: { title: string; issues: readonly Xml0Issue[] }) {
  return (
    <>
      <p>{title}</p>
      <ul className="xml0-issues">
        {issues.map((issue, index) => (
          <li key={`${issue.field ?? ''}-${issue.code}-${index}`} data-field={issue.field ?? ''}>
            {issue.field ? <code>{issue.field}</code> : null} {issue.message}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Hands the XML to the browser's (or the desktop app's) download, under the standard's file name. */
function download(fileName: string, xml: string): void {
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
