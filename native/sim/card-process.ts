/**
 * Entry point of a virtual card's own process. The card must keep answering
 * vpcd's ATR polls, so it never shares an event loop with code that may block.
 * Started by startVirtualCard() with its config as the only argument.
 */
import { loadCard, type CardBehaviour } from './card.ts';
import { CardCommandSchema, CardProcessConfigSchema, type CardReport } from './card-process-protocol.ts';
import { connectToVpcd, type VpcdLink } from './vpcd-client.ts';

const report = (message: CardReport) => {
  if (process.connected) process.send?.(message);
};

const config = CardProcessConfigSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
let card: CardBehaviour;
try {
  card = await loadCard(config.card);
} catch (error) {
  report({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

let link: VpcdLink | undefined;

async function insert(): Promise<void> {
  if (link) return;
  const opened = await connectToVpcd({ port: config.port, host: config.host, card });
  link = opened;
  void opened.closed.then(() => {
    if (link !== opened) return;
    link = undefined;
    report({ kind: 'dropped' });
  });
  card.inserted?.({
    eject() {
      if (link !== opened) return;
      link = undefined;
      // Synchronously, so the command being answered gets no reply. vpcd passes that
      // on as an empty answer; the next command fails, and pcscd's poll sees no card.
      void opened.close();
      report({ kind: 'ejected' });
    },
  });
}

async function remove(): Promise<void> {
  const closing = link;
  link = undefined;
  await closing?.close();
}

// One command at a time: an insert still connecting must not race a remove.
let commands: Promise<void> = Promise.resolve();

process.on('message', (raw) => {
  const parsed = CardCommandSchema.safeParse(raw);
  if (!parsed.success) return;
  const command = parsed.data;
  commands = commands.then(async () => {
    if (command.kind === 'stop') {
      await remove().catch(() => undefined);
      process.exit(0);
    }
    try {
      await (command.kind === 'insert' ? insert() : remove());
      report({ kind: 'done', id: command.id });
    } catch (error) {
      report({ kind: 'done', id: command.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
process.on('disconnect', () => process.exit(0));
report({ kind: 'ready' });
