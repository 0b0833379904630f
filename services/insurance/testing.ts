/** Test helpers: a gateway client wired to the simulator, with no waiting between retries. */
import { md5Hex, SIM_DEFAULTS, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { createGatewayClient, type GatewayClient, type GatewayClientOptions } from './gateway-client.ts';

export function simClient(sim: BhxhSimulator, extra: Partial<GatewayClientOptions> = {}): GatewayClient {
  const [staff] = SIM_DEFAULTS.staff;
  return createGatewayClient({
    account: () => ({
      baseUrl: sim.url,
      username: SIM_DEFAULTS.username,
      passwordMd5: md5Hex(SIM_DEFAULTS.password).toUpperCase(),
      staffName: staff!.name,
      staffCccd: staff!.cccd,
    }),
    timeouts: () => ({ loginMs: 5_000, checkMs: 5_000 }),
    sleep: async () => {},
    ...extra,
  });
}
