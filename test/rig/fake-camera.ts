/**
 * A fake webcam for Chromium: a still QR code as a YUV4MPEG2 (y4m) video,
 * written in plain Node from the `qrcode` package's module matrix (no ffmpeg).
 * Chromium loops the file as the camera's picture when started with
 * fakeCameraFlags(file).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';

export interface FakeVideoOptions {
  width?: number;
  height?: number;
  /**
   * Pixels per QR module: 4 by default (smaller when the code would not fit).
   * ZXing's detector misses clean synthetic codes of version 8 drawn at 6+ px a
   * module, so larger is not better here.
   */
  scale?: number;
  frames?: number;
  fps?: number;
}

const DEFAULT_SCALE = 4;

/** A blank grey picture: the negative control, a camera that sees no code. */
export const BLANK = Symbol('blank');

/**
 * The y4m bytes of a video showing `text` as a QR code (byte mode, UTF-8), black
 * on white with a quiet zone, centred. 4:2:0 chroma at 128: grey scale.
 */
export function qrVideo(text: string | typeof BLANK, options: FakeVideoOptions = {}): Buffer {
  const { width = 640, height = 480, frames = 5, fps = 10 } = options;
  const luma = new Uint8Array(width * height).fill(text === BLANK ? 160 : 255);
  if (text !== BLANK) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const quiet = 4;
    const span = modules.size + 2 * quiet;
    const scale = options.scale ?? Math.min(DEFAULT_SCALE, Math.floor(Math.min(width, height) / span));
    if (scale < 2) throw new Error(`a ${modules.size}-module code does not fit ${width}x${height}`);
    const left = Math.floor((width - modules.size * scale) / 2);
    const top = Math.floor((height - modules.size * scale) / 2);
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (!modules.data[row * modules.size + col]) continue;
        for (let y = 0; y < scale; y++) luma.fill(0, (top + row * scale + y) * width + left + col * scale, (top + row * scale + y) * width + left + (col + 1) * scale);
      }
    }
  }
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'latin1');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'latin1'), luma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

/** Writes the video into `dir` and returns its path. */
export function writeQrVideo(dir: string, name: string, text: string | typeof BLANK, options?: FakeVideoOptions): string {
  const path = join(dir, `${name}.y4m`);
  writeFileSync(path, qrVideo(text, options));
  return path;
}

/** Chromium flags for a fake camera showing the video, with the permission prompt answered yes. */
export function fakeCameraFlags(videoPath: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${videoPath}`];
}
