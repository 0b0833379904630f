/**
 * Builds the rig's TCP_NODELAY shim for vpcd (vpcd-nodelay.c) once per source
 * version, so card reads through pcscd run at card speed instead of ~40 ms per APDU.
 * Without a C compiler the rig still works, only slower.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./vpcd-nodelay.c', import.meta.url));

export function vpcdNoDelayLibrary(): string | undefined {
  const source = readFileSync(SOURCE);
  const version = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), 'tiepdon-rig');
  const library = join(dir, `vpcd-nodelay-${version}.so`);
  if (existsSync(library)) return library;
  try {
    mkdirSync(dir, { recursive: true });
    const building = `${library}.${process.pid}`;
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', building, SOURCE, '-ldl'], { stdio: 'ignore' });
    renameSync(building, library);
    return library;
  } catch {
    return undefined;
  }
}
