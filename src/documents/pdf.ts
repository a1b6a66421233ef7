import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
  keepDecodedFontTables(fonts.Roboto?.normal);
  loaded.setFonts(fonts);
  loaded.setUrlAccessPolicy(() => false);
  loaded.setLocalAccessPolicy((path) => allowed.has(path));
  engine = loaded;
  return engine;
}

interface FontTable {
  tag: string;
  checkSum: number;
  offset: number;
  length: number;
}

interface FontkitFont {
  stream: { buffer: Uint8Array };
  _decodeTable(table: FontTable): unknown;
}

/**
 * pdfkit opens every font file anew for every document (fontkit: a new font object), and decoding the font's
 * tables (metrics, character map, glyph substitution and positioning) was ~80 % of a print form's 30–60 ms. The
 * decoded tables are kept here, by the file's table (tag, checksum, place and length), and handed to every later
 * font object of the same file. Only decoding is skipped: each document still gets its own font object, glyph
 * cache and subset, so its bytes are the same whatever was rendered before (test/integration/documents/
 * pdf-worker.test.ts renders forms in both orders; an earlier try that shared pdfkit's embedded font did not).
 */
function keepDecodedFontTables(sample: string | undefined): void {
  if (!sample) return;
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
    create(buffer: Uint8Array): FontkitFont;
  };
  const prototype = Object.getPrototypeOf(fontkit.create(readFileSync(sample))) as FontkitFont;
  const decode = prototype._decodeTable;
  const decoded = new Map<string, unknown>();
  prototype._decodeTable = function cached(this: FontkitFont, table: FontTable): unknown {
    const key = `${this.stream.buffer.length}:${table.tag}:${table.checkSum}:${table.offset}:${table.length}`;
    if (decoded.has(key)) return decoded.get(key);
    const value = decode.call(this, table);
    decoded.set(key, value);
    return value;
  };
}

/** The PDF of a document definition. The same definition (with a fixed creation date) gives the same bytes. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
