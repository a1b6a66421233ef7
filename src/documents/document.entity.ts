import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RequestSchema } from '../workflow/request.entity.js';

/**
 * `request_form`: the form a signing code was bound to (what the client signed); `signed_copy`: a form issued after
 * signing, with its signature block, QR and verification code (what people print and hand over).
 */
export const DOCUMENT_KINDS = ['request_form', 'signed_copy'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * A rendered document kept byte for byte, addressed by its SHA-256 (docs/0019): the print form a client saw when
 * the signing code was sent. The same bytes are one row however often they are rendered; rows are never changed.
 */
export const StoredDocumentSchema = defineEntity({
  name: 'StoredDocument',
  tableName: 'documents',
  properties: {
    sha256: p.string().length(64).primary(),
    kind: p.enum(DOCUMENT_KINDS),
    requestId: () =>
      p.manyToOne(RequestSchema).mapToPk().fieldName('request_id').deleteRule('cascade').index(),
    contentType: p.string().length(100),
    content: p.type('blob').lazy(),
    size: p.integer(),
    createdAt: p.datetime(),
  },
});

export type StoredDocument = InferEntity<typeof StoredDocumentSchema>;
