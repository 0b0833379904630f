/**
 * Everything demo mode runs besides the app: its own data folder, the demo
 * reader and scanner behind an in-process device host, the BHXH gateway
 * simulator with the sample cards' BHYT cards, and the local FHIR engine as
 * the HIS — all on 127.0.0.1, so a trainee runs the whole check-in with no
 * hardware and no network. `prepare` points the app's settings at them.
 */
import { join } from 'node:path';
import { ownerOnlyDir, writeOwnerOnlyFileSync } from '../../db/owner-only-files.ts';
import { DEMO_CLERKS } from '../../domain/demo-api.ts';
import type { Clinic } from '../../domain/checkin/index.ts';
import { InsuranceSettingsInputSchema } from '../../domain/insurance-api.ts';
import { HisSettingsInputSchema } from '../../domain/sync-api.ts';
import type { HostLauncher } from '../../native/devicehost/protocol.ts';
import { demoCards } from '../../native/sim/bhxh/demo-cards.ts';
import { SIM_DEFAULTS, startBhxhSimulator, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { createCardPki } from '../../native/sim/cccd-pki.ts';
import { createDemoReader } from '../../native/sim/demo/demo-reader.ts';
import { DEMO_BANK, DEMO_CARDS } from '../../native/sim/demo/demo-samples.ts';
import { createDemoScanner } from '../../native/sim/demo/demo-scanner.ts';
import { DEFAULT_SIM_CLINICS, startFhirSim, type FhirSim } from '../../native/sim/his/fhir-server.ts';
import type { App } from '../app.ts';
import { createInsuranceSettingsStore } from '../insurance/insurance-settings.ts';
import type { Logger } from '../log.ts';
import { PAYMENT_SETTINGS } from '../payments/payment-settings.ts';
import { CLINIC_SETTINGS, DESK_SETTINGS } from '../settings/checkin-settings.ts';
import { FACILITY_SETTINGS } from '../settings/facility-settings.ts';
import { createDemoHostLauncher } from './demo-host.ts';
import { createDemoMenu, type DemoMenu } from './demo-menu.ts';
import { chooseStartMode, demoDataDir } from './demo-switch.ts';

export const DEMO_HOSPITAL_NAME = 'Bệnh viện Mô phỏng TiếpĐón (DEMO)';
export const DEMO_FACILITY_CODE = '01013';
/** File name of the demo CSCA in the demo data folder's trust store. */
export const DEMO_CSCA_FILE = 'tiepdon-demo-csca.pem';

export interface DemoEnvironment {
  /** The demo's own data folder: pass it to createApp as dataDir. */
  readonly dataDir: string;
  readonly menu: DemoMenu;
  /** The device host to give createApp: the demo reader and scanner, in this process. */
  readonly deviceHost: { launch: HostLauncher };
  readonly bhxh: BhxhSimulator;
  readonly his: FhirSim;
  /** Points the app at the simulators and fills what a fresh demo needs (clinic fee account, a returning patient). */
  prepare(app: App): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoEnvironment({ homeDataDir, log }: { homeDataDir: string; log: Logger }): Promise<DemoEnvironment> {
  const dataDir = demoDataDir(homeDataDir);
  ownerOnlyDir(dataDir);
  const pki = createCardPki();
  // The sample cards' signer chains to this CSCA: passive authentication reads "valid", in the demo folder only.
  const cscaDir = join(dataDir, 'csca');
  writeOwnerOnlyFileSync(join(ownerOnlyDir(cscaDir), DEMO_CSCA_FILE), pki.cscaCertificatePem);

  const bhxh = await startBhxhSimulator({ cards: [...DEMO_CARDS.map((sample) => sample.insurance), ...demoCards()] });
  let his: FhirSim;
  try {
    his = await startFhirSim();
  } catch (error) {
    await bhxh.close();
    throw error;
  }
  const reader = createDemoReader();
  const scanner = createDemoScanner();
  // The one look at the real data folder, before the demo session exists: it never writes there.
  const switchAtStart = chooseStartMode(homeDataDir, undefined).demo;
  const menu = createDemoMenu({ switchAtStart, dataDir, reader, scanner, pki });
  log.info('demo mode', { dataDir, bhxh: bhxh.url, his: his.url });

  return {
    dataDir,
    menu,
    deviceHost: { launch: createDemoHostLauncher({ reader, scanner }) },
    bhxh,
    his,
    async prepare(app) {
      // The simulators listen on new ports at every start.
      await createInsuranceSettingsStore(app.settings, app.secrets).set(
        InsuranceSettingsInputSchema.parse({
          baseUrl: bhxh.url,
          username: SIM_DEFAULTS.username,
          password: SIM_DEFAULTS.password,
          staffName: SIM_DEFAULTS.staff[0]?.name,
          staffCccd: SIM_DEFAULTS.staff[0]?.cccd,
        }),
      );
      await app.sync.setSettings(HisSettingsInputSchema.parse({ baseUrl: his.url, authKind: 'none' }));
      // What a trainee may have changed since is kept.
      if (app.settings.get(FACILITY_SETTINGS).code === null) app.settings.set(FACILITY_SETTINGS, { ...app.settings.get(FACILITY_SETTINGS), code: DEMO_FACILITY_CODE });
      const clinics = app.settings.get(CLINIC_SETTINGS);
      if (clinics.some((clinic) => clinic.serviceCode === null)) app.settings.set(CLINIC_SETTINGS, withDemoServiceCodes(clinics));
      if (app.settings.get(DESK_SETTINGS).hospitalName === '') app.settings.set(DESK_SETTINGS, { ...app.settings.get(DESK_SETTINGS), hospitalName: DEMO_HOSPITAL_NAME });
      if (app.settings.get(PAYMENT_SETTINGS).bankBin === null) {
        app.settings.set(PAYMENT_SETTINGS, { ...app.settings.get(PAYMENT_SETTINGS), ...DEMO_BANK, fees: { bhyt: 0, 'fee-paying': 150_000, 'on-demand': 300_000 } });
      }
      seedReturningPatients(app);
      if (app.clerks.status().clerks.length === 0) {
        await app.clerks.setSettings({ clerks: DEMO_CLERKS.map((clerk) => ({ ...clerk, osAccount: null })) });
      }
    },
    async close() {
      await Promise.allSettled([bhxh.close(), his.stop()]);
    },
  };
}

/**
 * The XML0 record needs each clinic's DMDC service code: a clinic without one
 * takes the code the demo HIS lists for it, as IT would copy it from the HIS.
 */
function withDemoServiceCodes(clinics: readonly Clinic[]): Clinic[] {
  return clinics.map((clinic) =>
    clinic.serviceCode !== null ? clinic : { ...clinic, serviceCode: DEFAULT_SIM_CLINICS.find((listed) => listed.id === clinic.id)?.serviceCode ?? null },
  );
}

/** The returning patient is in the demo database, as after an earlier visit. */
function seedReturningPatients(app: App): void {
  for (const sample of DEMO_CARDS) {
    if (!sample.registered) continue;
    const { profile, insurance } = sample;
    if (app.patients.search({ query: profile.idNumber, limit: 1 }).matches.length > 0) continue;
    app.patients.save({
      cccd: profile.idNumber,
      oldIdNumbers: profile.oldIdNumber ? [profile.oldIdNumber] : [],
      bhxhNumber: insurance.cardCode.slice(5),
      fullName: profile.fullName,
      birthDate: profile.dateOfBirth,
      sex: profile.sex,
      address: profile.placeOfResidence,
      phone: '0912000111',
      relatives: [],
    });
  }
}
