/**
 * `tiepdon sim bhxh`: the BHXH gateway simulator on 127.0.0.1, for demos and
 * for trying a station without the real gateway. It prints the address, the
 * account and the looking-up staff member to put in the settings (F10), and the
 * demo cards (one per result code), then stays until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { demoCards } from '../../native/sim/bhxh/demo-cards.ts';
import { SIM_DEFAULTS, startBhxhSimulator, type SimFaultKind } from '../../native/sim/bhxh/simulator.ts';
import { integerOption, untilSignal } from '../simulator-options.ts';

const FAULTS: readonly SimFaultKind[] = ['http-503', 'code-100', 'code-101', 'code-500', 'hang', 'reset', 'html', 'truncated-json', 'missing-code', 'wrong-types', 'token-401'];

const USAGE = `Usage: tiepdon sim bhxh [options]

Runs a simulated BHXH gateway (token, KQNhanLichSuKCB2024, MCCT) on 127.0.0.1.

Options:
  --port <n>           port (default: a free port)
  --latency-ms <n>     delay every answer by n ms
  --token-lifetime <s> seconds a token lives (default ${SIM_DEFAULTS.tokenLifetimeS})
  --fault <kind>       answer every card check with a fault: ${FAULTS.join(', ')}
  --no-cccd            refuse look-ups by CCCD number
  -h, --help           this text
`;

export async function runSimBhxh(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      allowNegative: true,
      options: {
        port: { type: 'string' },
        'latency-ms': { type: 'string' },
        'token-lifetime': { type: 'string' },
        fault: { type: 'string' },
        cccd: { type: 'boolean', default: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
    if (values.fault !== undefined && !FAULTS.includes(values.fault as SimFaultKind)) throw new Error(`--fault must be one of ${FAULTS.join(', ')}`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let port: number | undefined;
  let latencyMs: number | undefined;
  let tokenLifetimeS: number | undefined;
  try {
    port = integerOption(values.port, 'port', 0, 65535);
    latencyMs = integerOption(values['latency-ms'], 'latency-ms', 0, 120_000);
    tokenLifetimeS = integerOption(values['token-lifetime'], 'token-lifetime', 1, 86_400);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const cards = demoCards();
  let sim;
  try {
    sim = await startBhxhSimulator({ cards, cccdAccepted: values.cccd, ...(port === undefined ? {} : { port }), ...(latencyMs === undefined ? {} : { latencyMs }), ...(tokenLifetimeS === undefined ? {} : { tokenLifetimeS }) });
  } catch (error) {
    process.stderr.write(`the simulator cannot listen: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (values.fault) sim.setFault({ kind: values.fault as SimFaultKind, on: 'check' });
  const summary = {
    url: sim.url,
    username: SIM_DEFAULTS.username,
    password: SIM_DEFAULTS.password,
    staff: SIM_DEFAULTS.staff,
    cards: cards.map((card) => ({ cardCode: card.cardCode, fullName: card.fullName, birthDate: card.birthDate, cccd: card.cccd ?? null, answers: card.code ?? 'from the data' })),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  await untilSignal();
  await sim.close();
  return 0;
}
