import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import type { Actor } from '../workflow/domain/roles.js';
import type { RequestView } from '../workflow/presenters.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import type { Challenge } from './challenge.entity.js';
import { TargetChanged, type ChallengeTicket } from './confirmation-terms.js';
import type { ConfirmationService } from './confirmation.service.js';
import { maskPhone } from './masking.js';
import { SignatureSchema, type SignatureChannel } from './signature.entity.js';
import { UserSchema } from './user.entity.js';

/** Where a signing request came from: the evidence the signature record keeps. */
export interface SigningOrigin {
  channel: SignatureChannel;
  ip: string | null;
  userAgent: string | null;
  telegramUserId?: string | null;
}

/** A signature as the API shows it: the phone masked. */
export interface SignatureView {
  id: string;
  signedAt: string;
  userId: string;
  phone: string;
  channel: SignatureChannel;
  payloadHash: string;
  /** SHA-256 of the print form signed (the stored PDF). */
  printFormHash: string | null;
  requestVersion: number;
  challengeId: string;
  providerMessageId: string | null;
  attempts: number;
}

/**
 * The document a signature is given to: the request's print form as the client sees it while the code is out,
 * rendered and stored byte for byte (src/documents). Returns its SHA-256.
 */
export interface SignedDocuments {
  /** `view` is the request as the signer sees it now, `signer` their locale and phone (read by the caller). */
  prepare(actor: Actor, view: RequestView, signer: { locale: string; phone: string }): Promise<string>;
}

export interface SigningDeps {
  orm: Orm;
  workflow: WorkflowService;
  confirmations: ConfirmationService;
  documents: SignedDocuments;
  now: () => Date;
}

/**
 * What a signing code is bound to (dynamic linking): the request's content (its payload hash) and the print form
 * the client was shown (its SHA-256). Any edit changes the first, any change of the document the second.
 */
/** Crockford's base32 without look-alikes (no I, L, O, U): what a person can copy from paper. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The short code printed on a signed form for the public check: 10 random characters (50 bits), `XXXXX-XXXXX`.
 * Random, not derived from anything: it names the signature and says nothing about it.
 */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32] ?? '0').join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function signingBinding(payloadHash: string, printFormHash: string): string {
  return createHash('sha256').update(`${payloadHash}\n${printFormHash}`).digest('hex');
}

/**
 * Signing a request with an SMS code (a simple electronic signature, 63-FZ): the code is bound to the request's
 * payload hash (dynamic linking) and its SMS names the request number and summary. Confirming moves the request
 * to `submitted`, consumes the code and stores the signature record in one transaction.
 */
export class SigningService {
  constructor(private readonly deps: SigningDeps) {}

  /**
   * Submits a draft for signature and sends the code; for a request already awaiting its signature, sends a new
   * code bound to the same content (the failure count carries over).
   */
  async requestSignature(
    actor: Actor,
    requestId: string,
    origin: SigningOrigin,
  ): Promise<{ ticket: ChallengeTicket; request: RequestView }> {
    const { workflow, confirmations } = this.deps;
    let request = await workflow.getRequest(actor, requestId);
    // Anything but an awaiting request goes through submit, which refuses what may not be submitted.
    if (request.status !== 'awaiting_signature') request = (await workflow.submit(actor, requestId)).request;
    const user = await this.deps.orm.em.fork().findOne(UserSchema, { id: actor.userId });
    if (!user?.phone) {
      throw new DomainError('validation_failed', 'there is no phone to send the code to', {
        fieldErrors: { phone: ['add a phone to your profile first'] },
      });
    }
    const printFormHash = await this.deps.documents.prepare(actor, request, {
      locale: user.locale,
      phone: user.phone,
    });
    const ticket = await confirmations.issue({
      purpose: 'sign_request',
      userId: actor.userId,
      target: request.id,
      binding: signingBinding(request.payloadHash, printFormHash),
      destinations: [{ key: 'phone', channel: 'sms', address: user.phone }],
      data: {
        locale: user.locale,
        number: request.number,
        summary: request.summary,
        payloadHash: request.payloadHash,
        printFormHash,
      },
      ip: origin.ip,
    });
    return { ticket, request };
  }

  /**
   * The applier of a `sign_request` challenge, run by ConfirmationService inside the transaction that consumed
   * the code. The request must still carry the content the code was bound to; otherwise the code is void.
   */
  applier(actor: Actor, origin: SigningOrigin): (em: Em, challenge: Challenge) => Promise<string> {
    return async (em, challenge) => {
      const requestId = challenge.target;
      const signedHash = challenge.data['payloadHash'];
      const printFormHash = challenge.data['printFormHash'];
      if (!requestId || typeof signedHash !== 'string' || typeof printFormHash !== 'string')
        throw new TargetChanged();
      if (challenge.binding !== signingBinding(signedHash, printFormHash)) throw new TargetChanged();
      // The content must be what the code was bound to, and the document must be the one stored for it.
      const current = await em.execute<{ payload_hash: string; status: string; document: string | null }[]>(
        `select r.payload_hash, r.status, d.sha256 as document
           from requests r left join documents d on d.sha256 = ? and d.request_id = r.id
          where r.id = ?`,
        [printFormHash, requestId],
      );
      const row = current[0];
      if (
        !row ||
        row.payload_hash !== signedHash ||
        row.status !== 'awaiting_signature' ||
        row.document === null
      )
        throw new TargetChanged();
      const phone = challenge.destinations.find((d) => d.channel === 'sms');
      const signatureId = randomUUID();
      const { signedVersion } = await this.deps.workflow.confirmSignatureWithin(
        em,
        actor,
        requestId,
        signedHash,
        {
          signatureId,
          challengeId: challenge.id,
          channel: origin.channel,
        },
      );
      em.create(SignatureSchema, {
        id: signatureId,
        requestId,
        requestVersion: signedVersion,
        payloadHash: signedHash,
        printFormHash,
        userId: actor.userId,
        phone: phone?.address ?? '',
        providerMessageId: phone?.providerMessageId ?? null,
        challengeId: challenge.id,
        channel: origin.channel,
        ip: origin.ip?.slice(0, 64) ?? null,
        userAgent: origin.userAgent?.slice(0, 500) ?? null,
        telegramUserId: origin.telegramUserId ?? null,
        attempts: challenge.attempts,
        signedAt: this.deps.now(),
        verificationCode: newVerificationCode(),
      });
      await em.flush();
      return requestId;
    };
  }

  /** The latest signature of a request (call after the caller's visibility check), or null. One plain read. */
  async latestSignature(requestId: string): Promise<SignatureView | null> {
    const rows = await this.deps.orm.em
      .fork()
      .execute<SignatureRow[]>(`select ${SIGNATURE_COLUMNS} from signatures where request_id = ? ${LATEST}`, [
        requestId,
      ]);
    return signatureView(rows[0] ?? null);
  }
}

/** A signature's columns as the database gives them. */
export interface SignatureRow {
  id: string;
  signed_at: Date | string;
  user_id: string;
  phone: string;
  channel: SignatureView['channel'];
  payload_hash: string;
  print_form_hash: string | null;
  request_version: number;
  challenge_id: string;
  provider_message_id: string | null;
  attempts: number;
}

const SIGNATURE_COLUMNS = `id, signed_at, user_id, phone, channel, payload_hash, print_form_hash, request_version, challenge_id,
  provider_message_id, attempts`;
const LATEST = 'order by signed_at desc, id desc limit 1';

/** The latest signature as one value read with the request (`alongside`, over its row `r`): a JSON row or null. */
export const LATEST_SIGNATURE_SQL = `(select row_to_json(s) from (select ${SIGNATURE_COLUMNS} from signatures
  where request_id = r.id ${LATEST}) s)`;

/** A signature row (read plainly, or as JSON with the request) as the API shows it: the phone masked. */
export function signatureView(row: SignatureRow | string | null): SignatureView | null {
  if (row === null) return null;
  const r = typeof row === 'string' ? (JSON.parse(row) as SignatureRow) : row;
  return {
    id: r.id,
    signedAt: new Date(r.signed_at).toISOString(),
    userId: r.user_id,
    phone: maskPhone(r.phone),
    channel: r.channel,
    payloadHash: r.payload_hash,
    printFormHash: r.print_form_hash ?? null,
    requestVersion: Number(r.request_version),
    challengeId: r.challenge_id,
    providerMessageId: r.provider_message_id ?? null,
    attempts: Number(r.attempts),
  };
}
