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
  postscriptName: string;
  _decodeTable(table: FontTable): unknown;
  layout(text: unknown, ...rest: unknown[]): GlyphRun;
}

/** fontkit's shaped text: the glyphs and where each goes (in font units, until pdfkit scales them in place). */
interface GlyphRun {
  glyphs: unknown[];
  positions: object[];
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
  keepShapedRuns(prototype);
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

/** How many shaped words are kept (a form has a few hundred; the worker that holds them ends when idle). */
const SHAPED_RUNS_KEPT = 20_000;

/**
 * Shaping a word (fontkit's `layout`: the character map, then glyph substitution and positioning) was a fifth of a
 * print form's time after the tables were kept, and the forms say the same words again and again. The result
 * depends only on the font file and the text, so it is kept by both and every caller gets its own copy of the
 * positions (pdfkit scales them in place) beside the same glyphs, whose id, width and code points are the file's
 * — a document's bytes stay the same whatever was rendered before (pdf-worker.test.ts). Calls with features,
 * a script, a language or a direction are shaped as before.
 */
function keepShapedRuns(prototype: FontkitFont): void {
  const shape = prototype.layout;
  const shaped = new Map<string, GlyphRun>();
  prototype.layout = function kept(this: FontkitFont, text: unknown, ...rest: unknown[]): GlyphRun {
    if (typeof text !== 'string' || rest.some((argument) => argument !== undefined)) {
      return shape.call(this, text, ...rest);
    }
    const key = `${this.stream.buffer.length}:${this.postscriptName}\u0000${text}`;
    let run = shaped.get(key);
    if (!run) {
      run = shape.call(this, text);
      if (shaped.size >= SHAPED_RUNS_KEPT) shaped.clear();
      shaped.set(key, copyOf(run));
    }
    return copyOf(run);
  };
}

/** A run with positions of its own (the same glyphs). */
function copyOf(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.positions = run.positions.map((position) =>
    Object.assign(Object.create(Object.getPrototypeOf(position) as object) as object, position),
  );
  return copy;
}

/** The PDF of a document definition. The same definition (with a fixed creation date) gives the same bytes. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
