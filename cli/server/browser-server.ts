/** `tiepdon serve`: the built renderer and the API bridge on one loopback port. */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../services/app.ts';
import type { Logger } from '../../services/log.ts';
import { createStaticHandler } from './static-files.ts';
import { createWsBridge } from './ws-bridge.ts';

export interface BrowserServerOptions {
  app: App;
  rendererDir: string;
  port?: number;
  /** Another process holds `port`: take any free one instead of failing (the launcher's fixed port). */
  anyPortIfTaken?: boolean;
  /** The launch token; a fresh one per launch by default. */
  token?: string;
  log: Logger;
}

export interface BrowserServer {
  /** The page to open, with the per-launch token in its fragment. */
  url: string;
  port: number;
  token: string;
  origin: string;
  close(): Promise<void>;
}

export const LOOPBACK_HOST = '127.0.0.1';

export async function startBrowserServer({
  app,
  rendererDir,
  port = 0,
  anyPortIfTaken = false,
  token = randomBytes(32).toString('hex'),
  log,
}: BrowserServerOptions): Promise<BrowserServer> {
  let boundPort = 0;
  const server: Server = createServer(createStaticHandler(rendererDir, () => boundPort));
  const bridge = createWsBridge({
    app,
    token,
    allowedOrigins: () => [`http://${LOOPBACK_HOST}:${boundPort}`, `http://localhost:${boundPort}`],
    log: log.child({ component: 'bridge' }),
  });
  server.on('upgrade', bridge.handleUpgrade);

  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, LOOPBACK_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(port);
  } catch (error) {
    if (!anyPortIfTaken || port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.warn('browser-mode port taken: listening on another', { port });
    await listen(0);
  }
  boundPort = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK_HOST}:${boundPort}`;

  return {
    url: `${origin}/#token=${token}`,
    port: boundPort,
    token,
    origin,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
