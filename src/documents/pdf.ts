import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

let engine: PdfMake | undefined;

/**
 * pdfmake on the server with its bundled Roboto (Cyrillic included), embedded into every PDF. No URL is ever
 * fetched and only the font files are read, whatever a document definition asks for.
 */
function pdfmake(): PdfMake {
  if (engine) return engine;
  const loaded = require('pdfmake') as PdfMake;
  const fonts = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
  const allowed = new Set(Object.values(fonts.Roboto ?? {}));
  loaded.setFonts(fonts);
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy((path) => allowed.has(path));
  engine = loaded;
  return engine;
}

/** The PDF of a document definition. The same definition (with a fixed creation date) gives the same bytes. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
