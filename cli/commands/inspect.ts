import type { MethodName } from '../../domain/api.ts';
import { createApp } from '../../services/app.ts';
import { waitForHostStart } from '../../services/device-host/wait.ts';
import { createFileLogger } from '../../services/file-log.ts';

/** One API call in a short-lived headless app, printed as JSON: `tiepdon status`, `tiepdon devices`. */
export async function callOnce(method: MethodName, { dataDir }: { dataDir: string }): Promise<number> {
  const app = await createApp({ dataDir, mode: 'headless', background: false, log: createFileLogger(dataDir) });
  try {
    if (app.deviceHost) await waitForHostStart(app.deviceHost, 10_000);
    const result = await app.router.dispatch(method, {});
    process.stdout.write(JSON.stringify(result.ok ? result.value : { error: result.error }, null, 2) + '\n');
    return result.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}
