/**
 * `tiepdon sim card`: a virtual CCCD in vpcd's slot, for demos and for IT staff
 * checking a station without a real card. It prints what opens the card (CAN,
 * MRZ) and where the CSCA certificate is, and stays until Ctrl+C.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CCCD_CARD_SPEC, type CccdCardOptions } from '../../native/sim/cccd-card-options.ts';
import { cccdMrz } from '../../native/sim/cccd-mrz.ts';
import { createCardPki } from '../../native/sim/cccd-pki.ts';
import { DEFAULT_PROFILE, loadProfile } from '../../native/sim/cccd-profile.ts';
import { startVirtualCard, type VirtualCard } from '../../native/sim/virtual-card.ts';
import { integerOption, untilSignal } from '../simulator-options.ts';

/** vpcd's first slot in Debian's /etc/reader.conf.d/vpcd. */
const DEFAULT_VPCD_PORT = 35963;

const USAGE = `Usage: tiepdon sim card [options]

Puts a virtual chip ID card (CCCD) into vpcd's virtual reader, which pcscd must be running with.

Options:
  --port <n>         vpcd's port for the slot (default ${DEFAULT_VPCD_PORT}, reader "Virtual PCD 00 00"; 35964 is slot 1)
  --profile <file>   the holder as JSON (default: a fictitious demo person)
  --latency-ms <n>   delay every answer by n ms (a slow chip)
  -h, --help         this text
`;

const PCSCD_HINT =
  'vpcd is not listening: start pcscd with the vpcd driver (apt-get install pcscd vsmartcard-vpcd, then run `pcscd -f` as root)';

interface SimCardArgs {
  help: boolean;
  port: number;
  profile: string | undefined;
  latencyMs: number | undefined;
}

function parseSimCardArgs(args: string[]): SimCardArgs {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      profile: { type: 'string' },
      'latency-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return {
    help: values.help,
    port: integerOption(values.port, 'port', 1, 65535) ?? DEFAULT_VPCD_PORT,
    profile: values.profile,
    latencyMs: integerOption(values['latency-ms'], 'latency-ms', 0, 60_000),
  };
}

export async function runSimCard(args: string[]): Promise<number> {
  let parsed: SimCardArgs;
  try {
    parsed = parseSimCardArgs(args);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { port, latencyMs } = parsed;
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const profile = parsed.profile === undefined ? DEFAULT_PROFILE : await loadProfile(resolve(parsed.profile));

  const pki = await createCardPki();
  const cscaDir = join(tmpdir(), 'tiepdon-sim-card');
  await mkdir(cscaDir, { recursive: true });
  const cscaPath = join(cscaDir, `csca-${port}.pem`);
  await writeFile(cscaPath, pki.cscaCertificatePem);

  const options: CccdCardOptions = { profile, pki, faults: latencyMs === undefined ? {} : { latencyMs } };
  let card: VirtualCard;
  try {
    card = await startVirtualCard({ port, card: { ...CCCD_CARD_SPEC, options } });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    await card.insert();
  } catch (error) {
    await card.stop();
    const refused = error instanceof Error && /ECONNREFUSED/.test(error.message);
    process.stderr.write(`${refused ? PCSCD_HINT : `could not insert the card: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return 1;
  }

  const mrz = cccdMrz(profile);
  const summary = {
    port,
    idNumber: profile.idNumber,
    fullName: profile.fullName,
    can: profile.idNumber.slice(-6),
    mrz: mrz.lines,
    cscaCertificate: cscaPath,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

  const dropped = new Promise<'dropped'>((resolveDrop) => card.once('dropped', () => resolveDrop('dropped')));
  const outcome = await Promise.race([untilSignal(), dropped]);
  if (outcome === 'dropped') {
    process.stderr.write('vpcd closed the link (pcscd stopped?): the card is out\n');
    await card.stop();
    return 1;
  }
  if (card.inserted) await card.remove();
  await card.stop();
  return 0;
}
