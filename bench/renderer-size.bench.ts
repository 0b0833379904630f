/**
 * What the desk's browser loads: the renderer's production build, gzipped as a
 * server would send it. "First screen" is the entry chunk and every chunk it
 * imports statically (from Vite's manifest); the rest loads on demand
 * (settings, camera, the visit, English). Builds the renderer when it is stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureRendererBuilt, REPO_ROOT } from '../test/rig/browser.ts';
import type { Benchmark, Figures } from './benchmark.ts';

const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

export interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface RendererSizes {
  firstScreenJsGzipBytes: number;
  firstScreenJsBytes: number;
  firstScreenJsLines: number;
  onDemandJsGzipBytes: number;
  cssGzipBytes: number;
  chunks: number;
}

/** Sizes of the built renderer in out/renderer, from its manifest. */
export function rendererSizes(dir: string = RENDERER_DIR): RendererSizes {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((key) => key === 'index.html');
  if (!entry) throw new Error('the renderer manifest has no index.html entry');
  const first = new Set<string>();
  const visit = (key: string): void => {
    if (first.has(key)) return;
    first.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry);
  const gzip = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  const sizes: RendererSizes = { firstScreenJsGzipBytes: 0, firstScreenJsBytes: 0, firstScreenJsLines: 0, onDemandJsGzipBytes: 0, cssGzipBytes: 0, chunks: 0 };
  for (const [key, chunk] of Object.entries(manifest)) {
    sizes.chunks += 1;
    if (first.has(key)) {
      sizes.firstScreenJsGzipBytes += gzip(chunk.file);
      const code = readFileSync(join(dir, chunk.file), 'utf8');
      sizes.firstScreenJsBytes += Buffer.byteLength(code);
      sizes.firstScreenJsLines += code.split('\n').length;
    } else {
      sizes.onDemandJsGzipBytes += gzip(chunk.file);
    }
  }
  for (const css of manifest[entry]?.css ?? []) sizes.cssGzipBytes += gzip(css);
  return sizes;
}

const benchmark: Benchmark = {
  description: 'renderer production build: first-screen JavaScript (entry and its static imports) and on-demand chunks, gzipped',
  async run() {
    await ensureRendererBuilt();
    const sizes = rendererSizes();
    const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
    const figures: Figures = {
      firstScreenJsGzipKiB: kib(sizes.firstScreenJsGzipBytes),
      firstScreenJsKiB: kib(sizes.firstScreenJsBytes),
      onDemandJsGzipKiB: kib(sizes.onDemandJsGzipBytes),
      cssGzipKiB: kib(sizes.cssGzipBytes),
      chunks: sizes.chunks,
      target: 'first screen <= 150 KiB gzipped',
    };
    return figures;
  },
};

export default benchmark;
