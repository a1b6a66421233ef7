import type { CompanyRequisites } from '../config.js';
import { ClientSchema } from '../clients/client.entity.js';
import type { Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import { catalog, resolveLocale, type Locale } from '../i18n/index.js';
import { maskPhone } from '../identity/masking.js';
import { SignatureSchema } from '../identity/signature.entity.js';
import type { SignedDocuments } from '../identity/signing.service.js';
import { UserSchema } from '../identity/user.entity.js';
import type { Actor } from '../workflow/domain/roles.js';
import type { ClientJournalEntry } from '../workflow/presenters/client.js';
import type { RequestView } from '../workflow/presenters.js';
import type { StaffRequestView } from '../workflow/presenters/staff.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import { StoredDocumentSchema, type DocumentKind } from './document.entity.js';
import { verificationUrl } from './verification.js';
import { sha256Hex } from './pdf.js';
import { renderDocument, siblingModule } from './pdf-worker.js';
import { capitalised, type printFormFor, type OutcomeLine, type PrintedSignature } from './print-form.js';

export interface PrintFormsDeps {
  orm: Orm;
  workflow: WorkflowService;
  company: CompanyRequisites;
  /** The cabinet's public address: the verification link printed on signed forms. */
  publicUrl: string;
  now: () => Date;
}

export interface RenderedForm {
  pdf: Buffer;
  sha256: string;
  number: string;
  /** A draft's preview, marked as such on every page. */
  preview: boolean;
}

/**
 * `current`: the form as the request stands (a draft's preview; while the code is out, exactly the document the
 * code is bound to; afterwards the form with its progress and signature block). `signed`: the bytes signed.
 */
export type PrintFormVariant = 'current' | 'signed';

const PDF = 'application/pdf';

/** Client-visible outcome: the statuses it went through and the reasons addressed to the client. */
function clientOutcome(entries: readonly ClientJournalEntry[], locale: Locale): OutcomeLine[] {
  const status = catalog(locale).status as Record<string, string>;
  return entries
    .filter((entry) => entry.event === 'status_changed' && entry.status !== null)
    .map((entry) => ({
      at: new Date(entry.at),
      text: `${capitalised(status[entry.status ?? ''] ?? entry.status ?? '')}${entry.reason ? `: ${entry.reason}` : ''}`,
    }));
}

/** Staff outcome: each task of the process, its state, who did it and when. */
function staffOutcome(view: StaffRequestView, locale: Locale): OutcomeLine[] {
  const taskStatus = catalog(locale).taskStatus as Record<string, string>;
  return view.tasks.map((task) => {
    // The staff view names the approvers already.
    const people = task.approvals.map((a) => a.name ?? '—');
    const last = task.approvals.at(-1)?.at;
    return {
      at: new Date(last ?? view.submittedAt ?? view.createdAt),
      text: `${task.title[locale]} — ${taskStatus[task.status] ?? task.status}${people.length ? ` (${people.join(', ')})` : ''}`,
    };
  });
}

const notFound = () => new DomainError('not_found', 'print form not found');

/**
 * The print forms of requests (DESIGN §11, docs/0019): rendered for the person asking with the same access as the
 * request itself (another client's request is not found), in the reader's audience (a client's copy never names
 * internal checks) and language. The document a signing code is bound to is stored byte for byte.
 */
export class PrintForms implements SignedDocuments {
  constructor(private readonly deps: PrintFormsDeps) {}

  async render(
    actor: Actor,
    requestId: string,
    options: { locale?: string | undefined; variant?: PrintFormVariant } = {},
  ): Promise<RenderedForm> {
    const view = await this.deps.workflow.getRequest(actor, requestId);
    const em = this.deps.orm.em.fork();
    const signature = await em.findOne(
      SignatureSchema,
      { requestId },
      { orderBy: { signedAt: 'desc', id: 'desc' } },
    );
    if (options.variant === 'signed' || view.status === 'awaiting_signature') {
      const hash =
        options.variant === 'signed' ? signature?.printFormHash : await this.pendingHash(requestId);
      if (!hash) throw notFound();
      const stored = await em.findOne(
        StoredDocumentSchema,
        { sha256: hash, requestId },
        { populate: ['content'] },
      );
      if (!stored) throw notFound();
      return { pdf: Buffer.from(stored.content), sha256: stored.sha256, number: view.number, preview: false };
    }
    const reader = await em.findOne(UserSchema, { id: actor.userId }, { fields: ['id', 'locale'] });
    const locale = resolveLocale(options.locale ?? reader?.locale);
    const preview = view.status === 'draft';
    const printed: PrintedSignature | null =
      signature && !preview
        ? {
            signedAt: signature.signedAt,
            channel: signature.channel,
            maskedPhone: maskPhone(signature.phone),
            documentHash: signature.printFormHash ?? signature.payloadHash,
            verification: signature.verificationCode
              ? {
                  code: signature.verificationCode,
                  url: verificationUrl(this.deps.publicUrl, signature.verificationCode),
                }
              : null,
          }
        : null;
    const pdf = await this.renderView(actor, view, locale, { signature: printed, preview });
    const sha256 = sha256Hex(pdf);
    // A signed copy handed out is kept as issued, so anyone can later check it byte for byte.
    if (printed?.verification) await this.store(sha256, 'signed_copy', requestId, pdf);
    return { pdf, sha256, number: view.number, preview };
  }

  /**
   * Renders the client's form while its signing code is out (where the code went, no progress yet), stores it
   * content-addressed and returns its SHA-256: the signing code is bound to it. Rendering the same state again
   * gives the same bytes, so a resent code binds the same document.
   */
  async prepare(actor: Actor, view: RequestView, signer: { locale: string; phone: string }): Promise<string> {
    const pdf = await this.renderView(actor, view, resolveLocale(signer.locale), {
      signature: null,
      preview: false,
      pendingSignature: { maskedPhone: maskPhone(signer.phone) },
    });
    const sha256 = sha256Hex(pdf);
    await this.store(sha256, 'request_form', view.id, pdf);
    return sha256;
  }

  /** Content-addressed and append-only: the same bytes are stored once, a stored row is never changed. */
  private async store(sha256: string, kind: DocumentKind, requestId: string, pdf: Buffer): Promise<void> {
    await this.deps.orm.em.fork().execute(
      `insert into documents (sha256, kind, request_id, content_type, content, size, created_at)
       values (?, ?, ?, ?, ?, ?, ?) on conflict (sha256) do nothing`,
      [sha256, kind, requestId, PDF, pdf, pdf.length, this.deps.now()],
    );
  }

  /** The document the pending signing code is bound to (the latest stored form of the request). */
  private async pendingHash(requestId: string): Promise<string | null> {
    const rows = await this.deps.orm.em
      .fork()
      .execute<{ sha256: string }[]>(
        'select sha256 from documents where request_id = ? order by created_at desc limit 1',
        [requestId],
      );
    return rows[0]?.sha256 ?? null;
  }

  private async renderView(
    actor: Actor,
    view: RequestView,
    locale: Locale,
    parts: {
      signature: PrintedSignature | null;
      preview: boolean;
      pendingSignature?: { maskedPhone: string };
    },
  ): Promise<Buffer> {
    const em = this.deps.orm.em.fork();
    const client = await em.findOneOrFail(ClientSchema, { id: view.clientId });
    let outcome: OutcomeLine[] = [];
    if (!parts.preview && !parts.pendingSignature) {
      if (view.audience === 'client') {
        outcome = clientOutcome(await this.deps.workflow.clientJournal(actor, view.id), locale);
      } else {
        outcome = staffOutcome(view, locale);
      }
    }
    const input: Parameters<typeof printFormFor>[0] = {
      locale,
      company: this.deps.company,
      type: view.type,
      typeVersion: view.typeVersion,
      request: {
        number: view.number,
        status: view.status,
        payload: view.payload,
        createdAt: new Date(view.createdAt),
        submittedAt: view.submittedAt ? new Date(view.submittedAt) : null,
        closedAt: view.closedAt ? new Date(view.closedAt) : null,
      },
      client: { name: client.name, kind: client.kind, contractNumber: client.contractNumber },
      outcome,
      signature: parts.signature,
      pendingSignature: parts.pendingSignature ?? null,
      preview: parts.preview,
      // The request's last change, not the clock: the same state always renders the same bytes.
      renderedAt: new Date(view.updatedAt),
    };
    // Off the event loop (pdf-worker.ts).
    return renderDocument({
      module: siblingModule(import.meta.url, 'print-form'),
      build: 'printFormFor',
      input,
    });
  }
}
