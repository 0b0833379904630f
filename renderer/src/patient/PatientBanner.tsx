import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ageOn, vietnamDay } from '../../../domain/checkin/index.ts';
import type { PartialDate } from '../../../domain/identity/partial-date.ts';
import type { InsuranceCheckView } from '../../../domain/insurance-api.ts';
import { clerkStatus } from '../../../domain/insurance/clerk-status.ts';
import type { PatientSex } from '../../../domain/patient.ts';
import { displayDate } from './patient-form.ts';

export interface BannerPatient {
  fullName: string;
  /** Possibly partial; null while not known (a form not filled in yet). */
  birth: PartialDate | null;
  sex: PatientSex | '';
  cccd: string;
  bhxhNumber: string;
}

interface PatientBannerProps {
  patient: BannerPatient;
  /** True while the record is being registered (not saved yet). */
  unsaved: boolean;
  insurance: InsuranceCheckView | undefined;
  /** Numbers this patient already holds today, oldest first. */
  visitsToday: readonly string[];
  /** The number just issued, once there is one. */
  queueNumber: string | undefined;
}

export type BannerInsurance = 'valid' | 'invalid' | 'checking' | 'to-verify' | 'review' | 'not-checked' | 'none';

/** What the banner says of insurance, from the latest check of this patient. */
export function bannerInsurance(check: InsuranceCheckView | undefined, hasBhxhNumber: boolean): BannerInsurance {
  if (!check) return hasBhxhNumber ? 'not-checked' : 'none';
  const status = clerkStatus(check);
  if (status === 'running') return 'checking';
  if (status === 'to-verify') return 'to-verify';
  if (status === 'needs-review' || status === 'superseded') return 'review';
  if (check.result?.covered === true) return 'valid';
  if (check.result?.covered === false) return 'invalid';
  return 'review';
}

/**
 * Who is at the desk, from identification to done: the name large, age and
 * birth date, sex, the CCCD's last digits, insurance with its benefit level,
 * the numbers already taken today and the one just issued. It stays at the
 * top of the workspace while the steps below it change.
 */
export function PatientBanner({ patient, unsaved, insurance, visitsToday, queueNumber }: PatientBannerProps) {
  const { t } = useTranslation();
  const age = patient.birth ? ageText(patient.birth, t) : undefined;
  const state = bannerInsurance(insurance, patient.bhxhNumber !== '');
  const level = insurance?.result?.card?.benefitLevel ?? null;
  return (
    <header className="patient-banner" data-testid="patient-banner" data-insurance={state}>
      <div className="patient-banner__who">
        <h2 className="patient-banner__name" data-testid="banner-name">
          {patient.fullName || t('banner.unnamed')}
          {unsaved && <span className="patient-banner__new">{t('banner.unsaved')}</span>}
        </h2>
        <p className="patient-banner__facts">
          {patient.sex && <span data-testid="banner-sex">{t(`patient.sexes.${patient.sex}`)}</span>}
          {age && (
            <span data-testid="banner-age">
              {age} ({patient.birth ? displayDate(patient.birth) : ''})
            </span>
          )}
          {patient.cccd && <span data-testid="banner-cccd">{t('banner.cccd', { last: patient.cccd.slice(-4) })}</span>}
        </p>
      </div>
      <p className={`patient-banner__insurance patient-banner__insurance--${state}`} data-testid="banner-insurance">
        {t(`banner.insurance.${state}`, { level: level && BENEFIT_PERCENT[level] ? BENEFIT_PERCENT[level] : '' })}
      </p>
      {visitsToday.length > 0 && (
        <p className="patient-banner__today" data-testid="banner-visits-today" role="status">
          {t('banner.visitsToday', { numbers: visitsToday.join(', ') })}
        </p>
      )}
      {queueNumber && (
        <p className="patient-banner__number" data-testid="banner-queue-number">
          <span className="patient-banner__number-label">{t('banner.queueNumber')}</span> {queueNumber}
        </p>
      )}
    </header>
  );
}

/** Mức hưởng by the card code's benefit digit (QĐ 1351/QĐ-BHXH). */
const BENEFIT_PERCENT: Readonly<Record<string, string>> = { '1': '100%', '2': '100%', '3': '95%', '4': '80%', '5': '100%' };

function ageText(birth: PartialDate, t: TFunction): string | undefined {
  const today = vietnamDay(Date.now());
  if (!today) return undefined;
  const age = ageOn(birth, today);
  if (!age) return undefined;
  const years = Math.floor(age.minMonths / 12);
  const maxYears = Math.floor(age.maxMonths / 12);
  if (maxYears !== years) return t('banner.ageRange', { from: years, to: maxYears });
  if (years < 1) return t('banner.ageMonths', { months: age.minMonths });
  if (years < 6) return t('banner.ageYearsMonths', { years, months: age.minMonths % 12 });
  return t('banner.ageYears', { years });
}
