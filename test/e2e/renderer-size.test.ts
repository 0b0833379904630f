/**
 * The renderer stays lean: the production build is minified, and the first
 * screen's JavaScript (the entry and what it imports statically) stays under
 * a ceiling, so a change that pulls settings, the camera or a library into it
 * fails here. The ceiling is the target, 150 KiB: what the first screen gains, a part of it must lose
 * (the desk, the settings, the camera, English and the desk's own texts already load apart).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rendererSizes } from '../../bench/renderer-size.bench.ts';
import { ensureRendererBuilt } from '../rig/browser.ts';

const FIRST_SCREEN_CEILING_KIB = 150;
/** Minified code is a few long lines; source-like output averages under a hundred characters a line. */
const MINIFIED_MIN_BYTES_PER_LINE = 1_000;

describe('renderer size', () => {
  it(`keeps the first screen's JavaScript under ${FIRST_SCREEN_CEILING_KIB} KiB gzipped, minified, with the rarely used parts apart`, async (t) => {
    await ensureRendererBuilt();
    const sizes = rendererSizes();
    const kib = sizes.firstScreenJsGzipBytes / 1024;
    t.diagnostic(`first screen ${kib.toFixed(1)} KiB gzipped (${(sizes.firstScreenJsBytes / 1024).toFixed(0)} KiB raw), on demand ${(sizes.onDemandJsGzipBytes / 1024).toFixed(1)} KiB gzipped`);
    assert.ok(kib <= FIRST_SCREEN_CEILING_KIB, `first screen ${kib.toFixed(1)} KiB gzipped`);
    assert.ok(sizes.onDemandJsGzipBytes > 0, 'some parts load on demand');
    const bytesPerLine = sizes.firstScreenJsBytes / sizes.firstScreenJsLines;
    assert.ok(bytesPerLine >= MINIFIED_MIN_BYTES_PER_LINE, `the build is minified (${bytesPerLine.toFixed(0)} bytes a line)`);
  });
});
