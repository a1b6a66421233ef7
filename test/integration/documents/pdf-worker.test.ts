import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config.js';
import { renderPdf, sha256Hex } from '../../../src/documents/pdf.js';
import { PdfWorker, siblingModule } from '../../../src/documents/pdf-worker.js';
import { printFormFor } from '../../../src/documents/print-form.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';

/** The print form builder, as the print forms name it to the worker. */
const PRINT_FORM = siblingModule(
  new URL('../../../src/documents/pdf-worker.ts', import.meta.url).href,
  'print-form',
);
const at = new Date('2026-12-01T09:30:00Z');
const input = {
  locale: 'ru' as const,
  company: loadConfig({}).company,
  type: 'withdrawal',
  typeVersion: 1,
  request: {
    number: '2026-000123',
    status: 'submitted',
    payload: SAMPLE_PAYLOADS.withdrawal,
    createdAt: at,
    submittedAt: at,
    closedAt: null,
  },
  client: { name: 'Иванов Иван Иванович', kind: 'individual' as const, contractNumber: 'БО-0001/26' },
  outcome: [],
  signature: null,
  pendingSignature: { maskedPhone: '+7 *** ***-**-01' },
  preview: false,
  renderedAt: at,
};

const workers: PdfWorker[] = [];
const worker = (idleMs?: number): PdfWorker => {
  const made = new PdfWorker(idleMs);
  workers.push(made);
  return made;
};
afterAll(async () => {
  for (const w of workers) await w.close();
});

describe('the PDF worker (rendering off the event loop)', () => {
  it('renders the very bytes the same document renders in the process', async () => {
    const inWorker = await worker().render({ module: PRINT_FORM, build: 'printFormFor', input });
    const here = await renderPdf(printFormFor(input));
    expect(inWorker.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256Hex(inWorker)).toBe(sha256Hex(here));
  });

  it('renders documents asked for at once, each answered with its own', async () => {
    const w = worker();
    const numbers = ['2026-000001', '2026-000002', '2026-000003'];
    const pdfs = await Promise.all(
      numbers.map((number) =>
        w.render({
          module: PRINT_FORM,
          build: 'printFormFor',
          input: { ...input, request: { ...input.request, number } },
        }),
      ),
    );
    const expected = numbers.map((number) =>
      renderPdf(printFormFor({ ...input, request: { ...input.request, number } })),
    );
    expect(pdfs.map(sha256Hex)).toEqual((await Promise.all(expected)).map(sha256Hex));
  });

  it("gives a document the same bytes whatever the worker rendered before (fonts' decoded tables are shared)", async () => {
    const first = await worker().render({ module: PRINT_FORM, build: 'printFormFor', input });
    // Another worker renders every request type in both languages (other glyphs, bold and italics) first.
    const busy = worker();
    for (const [type, payload] of Object.entries(SAMPLE_PAYLOADS))
      for (const locale of ['en', 'ru'] as const)
        await busy.render({
          module: PRINT_FORM,
          build: 'printFormFor',
          input: { ...input, locale, type, request: { ...input.request, payload } },
        });
    const after = await busy.render({ module: PRINT_FORM, build: 'printFormFor', input });
    expect(sha256Hex(after)).toBe(sha256Hex(first));
  });

  it('says what failed: an unknown builder, a builder that throws', async () => {
    const w = worker();
    await expect(w.render({ module: PRINT_FORM, build: 'noSuchBuilder', input })).rejects.toThrow(
      /no document builder noSuchBuilder/,
    );
    await expect(
      w.render({ module: PRINT_FORM, build: 'printFormFor', input: { ...input, type: 'no_such_type' } }),
    ).rejects.toThrow(/rendering a PDF failed/);
    // The worker goes on after a failure.
    expect((await w.render({ module: PRINT_FORM, build: 'printFormFor', input })).length).toBeGreaterThan(
      1000,
    );
  });

  it('ends when idle and starts again for the next document', async () => {
    const w = worker(50);
    await w.render({ module: PRINT_FORM, build: 'printFormFor', input });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((w as unknown as { worker: unknown }).worker).toBeUndefined();
    expect((await w.render({ module: PRINT_FORM, build: 'printFormFor', input })).length).toBeGreaterThan(
      1000,
    );
  });

  it('a worker that is stopped fails the documents it held, and the next one gets a new worker', async () => {
    const w = worker();
    const held = w.render({ module: PRINT_FORM, build: 'printFormFor', input });
    await w.close();
    await expect(held).rejects.toThrow(/PDF worker ended/);
    expect((await w.render({ module: PRINT_FORM, build: 'printFormFor', input })).length).toBeGreaterThan(
      1000,
    );
  });
});
