/**
 * The pages of a PDF that Chromium printed, read from its page objects: enough
 * to check a print's page count and paper size without a PDF library. Chromium
 * writes each page object uncompressed, with its MediaBox in points.
 */
export interface PdfPage {
  widthMm: number;
  heightMm: number;
}

const MM_PER_POINT = 25.4 / 72;

export function pdfPages(pdf: Uint8Array): PdfPage[] {
  const text = Buffer.from(pdf).toString('latin1');
  const pages: PdfPage[] = [];
  for (const match of text.matchAll(/\/Type\s*\/Page\b(?!s)[^]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)) {
    const [, x0 = '0', y0 = '0', x1 = '0', y1 = '0'] = match;
    pages.push({ widthMm: (Number(x1) - Number(x0)) * MM_PER_POINT, heightMm: (Number(y1) - Number(y0)) * MM_PER_POINT });
  }
  return pages;
}
