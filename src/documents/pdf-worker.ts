import { Worker } from 'node:worker_threads';

/**
 * PDFs are rendered off the event loop (docs/0029): pdfmake takes 10–35 ms of CPU per form (25–35 before the fonts'
 * decoded tables were kept, pdf.ts), which on the main thread delayed every other caller — a submit's print form
 * held up everyone's requests — and the ~40 MB it touches stayed resident for good. One worker thread renders, one document at a
 * time in order; it is started on the first document and ends after `idleMs` without work, giving its memory back.
 *
 * A document is named by the module that builds its definition and the builder's export: the definition holds
 * functions (layouts, the footer), which cannot cross threads, so the worker builds it from the plain input.
 */
export interface DocumentJob {
  /** The builder's module as a URL (`siblingModule(import.meta.url, 'name')`: the .ts source or compiled .js). */
  module: string;
  /** The builder's export name: `(input) => TDocumentDefinitions`. */
  build: string;
  /** Plain data (structured-cloneable: dates survive, functions do not). */
  input: unknown;
}

interface Pending {
  worker: Worker;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/** A module beside the caller's, as a URL: `.ts` when the caller runs from sources, `.js` when compiled. */
export function siblingModule(callerUrl: string, name: string): string {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl).href;
}

interface Answer {
  id: number;
  pdf?: Uint8Array;
  error?: string;
}

/** The worker's code: registers tsx when it is to import TypeScript sources, then renders what it is sent. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = (async () => {
  if (workerData.registerTsx) (await import('tsx/esm/api')).register();
  return import(workerData.pdfModule);
})();
parentPort.on('message', async ({ id, module, build, input }) => {
  try {
    const { renderPdf } = await ready;
    const builder = (await import(module))[build];
    if (typeof builder !== 'function') throw new Error('no document builder ' + build + ' in ' + module);
    const pdf = await renderPdf(builder(input));
    parentPort.postMessage({ id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

export class PdfWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs = 2_000) {}

  render(job: DocumentJob): Promise<Buffer> {
    const worker = this.started();
    clearTimeout(this.idle);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, module: job.module, build: job.build, input: job.input });
    });
  }

  /** Ends the worker now (the process's shutdown; pending documents fail). */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const pdfModule = siblingModule(import.meta.url, 'pdf');
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { pdfModule, registerTsx: pdfModule.endsWith('.ts') },
    });
    // Never what keeps the process alive.
    worker.unref();
    worker.on('message', (answer: Answer) => this.answered(answer));
    worker.on('error', (error) => this.failed(worker, error));
    worker.on('exit', (code) => this.failed(worker, new Error(`the PDF worker ended (${code})`)));
    this.worker = worker;
    return worker;
  }

  private answered(answer: Answer): void {
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    if (answer.pdf)
      pending.resolve(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength));
    else pending.reject(new Error(`rendering a PDF failed: ${answer.error ?? 'no answer'}`));
    if (this.pending.size === 0) {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => void this.close(), this.idleMs);
      this.idle.unref();
    }
  }

  /** A worker died: what it had in hand fails (the caller's retry gets a new worker). */
  private failed(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}

/** The process's PDF worker. */
export const pdfWorker = new PdfWorker();

/** Renders a document in the worker: `module` and `build` name its builder, `input` is plain data. */
export function renderDocument(job: DocumentJob): Promise<Buffer> {
  return pdfWorker.render(job);
}
