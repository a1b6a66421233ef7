import type { CompanyRequisites } from '../config.js';
import { ClientSchema } from '../clients/client.entity.js';
import type { Orm } from '../db/orm.js';
import { catalog, resolveLocale, type Locale } from '../i18n/index.js';
import { maskPhone } from '../identity/masking.js';
import { SignatureSchema } from '../identity/signature.entity.js';
import { UserSchema } from '../identity/user.entity.js';
import { getRequestType } from '../workflow/domain/types/index.js';
import type { Actor } from '../workflow/domain/roles.js';
import type { ClientJournalEntry } from '../workflow/presenters/client.js';
import type { StaffRequestView } from '../workflow/presenters/staff.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import { renderPdf, sha256Hex } from './pdf.js';
import { capitalised, printFormDocument, type OutcomeLine, type PrintedSignature } from './print-form.js';

export interface PrintFormsDeps {
  orm: Orm;
  workflow: WorkflowService;
  company: CompanyRequisites;
}

export interface RenderedForm {
  pdf: Buffer;
  sha256: string;
  number: string;
  /** A draft's preview, marked as such on every page. */
  preview: boolean;
}

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
function staffOutcome(
  view: StaffRequestView,
  names: ReadonlyMap<string, string>,
  locale: Locale,
): OutcomeLine[] {
  const taskStatus = catalog(locale).taskStatus as Record<string, string>;
  return view.tasks.map((task) => {
    const people = task.approvals.map((a) => names.get(a.userId) ?? '—');
    const last = task.approvals.at(-1)?.at;
    return {
      at: new Date(last ?? view.submittedAt ?? view.createdAt),
      text: `${task.title[locale]} — ${taskStatus[task.status] ?? task.status}${people.length ? ` (${people.join(', ')})` : ''}`,
    };
  });
}

/**
 * The print form of a request for the person asking (DESIGN §11): the same access as the request itself (another
 * client's request is not found), the reader's audience (a client's copy never names internal checks) and
 * language. A draft renders as a marked preview.
 */
export class PrintForms {
  constructor(private readonly deps: PrintFormsDeps) {}

  async render(actor: Actor, requestId: string, localeHint?: string): Promise<RenderedForm> {
    const view = await this.deps.workflow.getRequest(actor, requestId);
    const em = this.deps.orm.em.fork();
    const [client, reader, signature] = await Promise.all([
      em.findOneOrFail(ClientSchema, { id: view.clientId }),
      em.findOne(UserSchema, { id: actor.userId }, { fields: ['id', 'locale'] }),
      em.findOne(SignatureSchema, { requestId }, { orderBy: { signedAt: 'desc' } }),
    ]);
    const locale = resolveLocale(localeHint ?? reader?.locale);
    let outcome: OutcomeLine[];
    if (view.audience === 'client') {
      outcome = clientOutcome(await this.deps.workflow.clientJournal(actor, requestId), locale);
    } else {
      const ids = [...new Set(view.tasks.flatMap((task) => task.approvals.map((a) => a.userId)))];
      const users = ids.length
        ? await em.find(UserSchema, { id: { $in: ids } }, { fields: ['id', 'fullName'] })
        : [];
      outcome = staffOutcome(view, new Map(users.map((u) => [u.id, u.fullName])), locale);
    }
    const preview = view.status === 'draft';
    const printed: PrintedSignature | null =
      signature && !preview
        ? {
            signedAt: signature.signedAt,
            channel: signature.channel,
            maskedPhone: maskPhone(signature.phone),
            documentHash: signature.printFormHash ?? signature.payloadHash,
          }
        : null;
    const doc = printFormDocument({
      locale,
      company: this.deps.company,
      definition: getRequestType(view.type, view.typeVersion),
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
      signature: printed,
      preview,
      // The request's last change, not the clock: the same state always renders the same bytes.
      renderedAt: new Date(view.updatedAt),
    });
    const pdf = await renderPdf(doc);
    return { pdf, sha256: sha256Hex(pdf), number: view.number, preview };
  }
}
