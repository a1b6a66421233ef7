import type { documents as ruDocuments } from '../ru/documents.js';

/** The print forms' texts (DESIGN §11): headings, labels and the signature block. */
export const documents: typeof ruDocuments = {
  formTitle: (title: string, number: string) => `Request No. ${number}: ${title}`,
  preview: 'DRAFT — not signed, not an instruction',
  licence: (licence: string) => `Licence ${licence}`,
  innOgrn: (inn: string, ogrn: string) => `INN ${inn} · OGRN ${ogrn}`,
  dates: {
    created: 'Created',
    submitted: 'Submitted',
    closed: 'Closed',
    status: 'Status',
  },
  clientHeading: 'Client',
  client: {
    name: 'Name',
    kind: 'Category',
    contract: 'Contract',
  },
  clientKinds: {
    individual: 'Individual',
    sole_proprietor: 'Sole proprietor',
    legal_entity: 'Legal entity',
  },
  fieldsHeading: 'The request',
  outcomeHeading: 'Progress',
  outcomeEmpty: 'The request has not been taken into work yet.',
  signatureHeading: 'Signature',
  signature: {
    kind: 'Signature',
    simple: 'Simple electronic signature (Federal Law 63-FZ) with an SMS code',
    phone: 'Phone',
    signedAt: 'Signed',
    channel: 'Channel',
    pending: (phone: string) =>
      `To be signed with a simple electronic signature (Federal Law 63-FZ): the code was sent by SMS to ${phone}. The code is bound to this document and is void after any change to the request.`,
    verifyCode: (code: string) => `Verification code: ${code}`,
    verifyHow: (url: string) =>
      `Check that this document is authentic at ${url}: scan the QR code or enter the code.`,
    hash: 'Document SHA-256',
  },
  channels: { web: 'web cabinet', bot: 'Telegram bot', api: 'API' },
  notSigned: 'The document is not signed.',
  page: (page: number, pages: number) => `Page ${page} of ${pages}`,
  generated: (at: string) => `Generated ${at}`,
};
