/**
 * `tiepdon sim his`: a FHIR R4 HIS on 127.0.0.1 for demos and for trying a
 * station without the hospital's HIS — Medplum's FHIR engine in memory, with
 * two clinics and their fees — optionally behind the fault proxy. It prints
 * the address to put in the settings (F10 → HIS), then stays until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { startFaultProxy, type Fault, type FaultProxy } from '../../native/sim/his/fault-proxy.ts';
import { DEFAULT_SIM_CLINICS, DEFAULT_SIM_FEES, startFhirSim } from '../../native/sim/his/fhir-server.ts';
import { untilSignal } from '../simulator-options.ts';

const FAULTS = ['down', 'error-500', 'reject-400', 'rate-limit', 'stall', 'reset', 'reset-after', 'malformed'] as const;
type FaultKind = (typeof FAULTS)[number];

const USAGE = `Usage: tiepdon sim his [options]

Runs a FHIR R4 server (Medplum's engine, in memory) seeded with clinics and fees, on 127.0.0.1.

Options:
  --port <n>             port (default: a free port)
  --token <t>            require "Authorization: Bearer <t>"
  --fault <kind>         put a fault proxy in front, answering every request with: ${FAULTS.join(', ')}
  --retry-after <s>      rate-limit: the Retry-After seconds (default 30)
  -h, --help             this text
`;

function faultOf(kind: FaultKind, retryAfterSeconds: number): Fault {
  return kind === 'rate-limit' ? { kind, retryAfterSeconds } : { kind };
}

export async function runSimHis(args: string[]): Promise<number> {
  let values;
  let port: number | undefined;
  let retryAfter = 30;
  try {
    values = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        token: { type: 'string' },
        fault: { type: 'string' },
        'retry-after': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
    if (values.fault !== undefined && !(FAULTS as readonly string[]).includes(values.fault)) throw new Error(`--fault must be one of ${FAULTS.join(', ')}`);
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, not ${values.port}`);
    }
    if (values['retry-after'] !== undefined) {
      retryAfter = Number(values['retry-after']);
      if (!Number.isInteger(retryAfter) || retryAfter < 0 || retryAfter > 86_400) throw new Error('--retry-after must be whole seconds from 0 to 86400');
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  let proxy: FaultProxy | undefined;
  let sim;
  try {
    sim = await startFhirSim({
      ...(values.fault ? {} : port === undefined ? {} : { port }),
      ...(values.token ? { authorization: `Bearer ${values.token}` } : {}),
    });
    if (values.fault) {
      proxy = await startFaultProxy(sim.url, port === undefined ? {} : { port });
      await proxy.set(faultOf(values.fault as FaultKind, retryAfter));
    }
  } catch (error) {
    process.stderr.write(`the HIS simulator cannot listen: ${error instanceof Error ? error.message : String(error)}\n`);
    await sim?.stop();
    return 1;
  }
  const summary = {
    url: proxy?.url ?? sim.url,
    ...(proxy ? { engineUrl: sim.url, fault: values.fault } : {}),
    auth: values.token ? 'bearer' : 'none',
    clinics: DEFAULT_SIM_CLINICS,
    fees: DEFAULT_SIM_FEES,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  await untilSignal();
  await proxy?.stop();
  await sim.stop();
  return 0;
}
