/**
 * Print-form benchmark (issue 11 item 4): render time per request type — the document definition built from the
 * type's fields and pdfmake writing the PDF with Roboto embedded — median and p95 of BENCH_FORMS renders each, and
 * the PDF's size. In-process, no database: the part the submit path adds. Not a test: nothing fails on speed.
 */
import { loadConfig } from '../src/config.js';
import { renderPdf } from '../src/documents/pdf.js';
import { printFormDocument } from '../src/documents/print-form.js';
import { REQUEST_TYPE_CODES } from '../src/workflow/domain/definition.js';
import { getRequestType } from '../src/workflow/domain/types/index.js';
import { SAMPLE_PAYLOADS } from '../test/support/sample-payloads.js';

const RENDERS = Number(process.env.BENCH_FORMS ?? 20);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * (sorted.length - 1)))] ?? 0;
};

export async function runDocumentsBench(): Promise<void> {
  const company = loadConfig({}).company;
  const at = new Date('2026-12-01T09:30:00Z');
  console.log(`\nprint forms — pdfmake, Roboto embedded, ${RENDERS} renders per type after one warm-up`);
  const all: number[] = [];
  for (const code of REQUEST_TYPE_CODES) {
    const doc = () =>
      printFormDocument({
        locale: 'ru',
        company,
        definition: getRequestType(code),
        request: {
          number: '2026-000123',
          status: 'completed',
          payload: SAMPLE_PAYLOADS[code],
          createdAt: at,
          submittedAt: at,
          closedAt: at,
        },
        client: { name: 'Иванов Иван Иванович', kind: 'individual', contractNumber: 'БО-0001/26' },
        outcome: [
          { at, text: 'Принята в работу' },
          { at, text: 'Исполнена' },
        ],
        signature: {
          signedAt: at,
          channel: 'web',
          maskedPhone: '+7 *** ***-**-01',
          documentHash: 'a'.repeat(64),
        },
        preview: false,
        renderedAt: at,
      });
    const size = (await renderPdf(doc())).length;
    const times: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      const started = performance.now();
      await renderPdf(doc());
      times.push(performance.now() - started);
    }
    all.push(...times);
    console.log(
      `  ${code.padEnd(22)} median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ${(size / 1024).toFixed(1)} KB`,
    );
  }
  console.log(
    `  all types: median ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms per form`,
  );
}

if (process.argv[1]?.endsWith('documents.bench.ts')) await runDocumentsBench();
