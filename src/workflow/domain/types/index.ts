import { REQUEST_TYPE_CODES, type RequestTypeCode, type RequestTypeDefinition } from '../definition.js';
import { DomainError } from '../errors.js';
import { bankDetailsChangeV1 } from './bank-details-change.js';
import { brokerReportV1 } from './broker-report.js';
import { contractTerminationV1 } from './contract-termination.js';
import { generalInquiryV1 } from './general-inquiry.js';
import { internalTransferV1 } from './internal-transfer.js';
import { personalDataChangeV1 } from './personal-data-change.js';
import { qualifiedInvestorV1 } from './qualified-investor.js';
import { securitiesTransferV1 } from './securities-transfer.js';
import { taxCertificateV1 } from './tax-certificate.js';
import { trustManagementV1 } from './trust-management.js';
import { withdrawalV1 } from './withdrawal.js';

/*
 * Every version of every type ever published stays here: a request pins (code, version) and is always
 * processed by that definition. A v2 is a new module (e.g. withdrawal-v2.ts) appended to the list; the latest
 * version becomes the one new requests use, and v1 requests keep v1.
 */
const ALL_VERSIONS: readonly RequestTypeDefinition[] = [
  withdrawalV1,
  securitiesTransferV1,
  internalTransferV1,
  brokerReportV1,
  taxCertificateV1,
  bankDetailsChangeV1,
  personalDataChangeV1,
  qualifiedInvestorV1,
  trustManagementV1,
  contractTerminationV1,
  generalInquiryV1,
];

function latestVersions(): Record<RequestTypeCode, RequestTypeDefinition> {
  const latest = new Map<RequestTypeCode, RequestTypeDefinition>();
  for (const definition of ALL_VERSIONS) {
    const current = latest.get(definition.code);
    if (!current || current.version < definition.version) latest.set(definition.code, definition);
  }
  const entries = REQUEST_TYPE_CODES.map((code) => {
    const definition = latest.get(code);
    if (!definition) throw new Error(`request type ${code} has no definition`);
    return [code, definition] as const;
  });
  return Object.fromEntries(entries) as Record<RequestTypeCode, RequestTypeDefinition>;
}

/** The latest version of each request type, by code: what new requests are filed with. */
export const REQUEST_TYPES: Readonly<Record<RequestTypeCode, RequestTypeDefinition>> = latestVersions();

/** True for a known request type code. */
export function isRequestTypeCode(value: string): value is RequestTypeCode {
  return (REQUEST_TYPE_CODES as readonly string[]).includes(value);
}

/**
 * The definition of a type: the pinned `version` when given (a stored request), the latest otherwise.
 * Throws DomainError `not_found` for an unknown code or version.
 */
export function getRequestType(code: string, version?: number): RequestTypeDefinition {
  if (!isRequestTypeCode(code)) throw new DomainError('not_found', `unknown request type: ${code}`);
  if (version === undefined) return REQUEST_TYPES[code];
  const definition = ALL_VERSIONS.find((d) => d.code === code && d.version === version);
  if (!definition) throw new DomainError('not_found', `unknown version ${version} of request type ${code}`);
  return definition;
}

/** The latest version of every type, in catalogue order (DESIGN §3). */
export function listRequestTypes(): RequestTypeDefinition[] {
  return REQUEST_TYPE_CODES.map((code) => REQUEST_TYPES[code]);
}

/** Every published version of every type, oldest first within a type. */
export function listAllVersions(): RequestTypeDefinition[] {
  return [...ALL_VERSIONS].sort((a, b) =>
    a.code === b.code
      ? a.version - b.version
      : REQUEST_TYPE_CODES.indexOf(a.code) - REQUEST_TYPE_CODES.indexOf(b.code),
  );
}

export {
  bankDetailsChangeV1,
  brokerReportV1,
  contractTerminationV1,
  generalInquiryV1,
  internalTransferV1,
  personalDataChangeV1,
  qualifiedInvestorV1,
  securitiesTransferV1,
  taxCertificateV1,
  trustManagementV1,
  withdrawalV1,
};
export type { BankDetailsChangePayload } from './bank-details-change.js';
export type { BrokerReportPayload } from './broker-report.js';
export type { ContractTerminationPayload } from './contract-termination.js';
export type { GeneralInquiryPayload } from './general-inquiry.js';
export type { InternalTransferPayload } from './internal-transfer.js';
export type { PersonalDataChangePayload } from './personal-data-change.js';
export type { QualifiedInvestorPayload } from './qualified-investor.js';
export type { SecuritiesTransferPayload } from './securities-transfer.js';
export type { TaxCertificatePayload } from './tax-certificate.js';
export type { TrustManagementPayload } from './trust-management.js';
export type { WithdrawalPayload } from './withdrawal.js';
