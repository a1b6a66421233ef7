import type { Catalog } from './catalog-type.js';
import { codes as enCodes } from './en/codes.js';
import {
  errors as enErrors,
  roles as enRoles,
  status as enStatus,
  taskStatus as enTaskStatus,
} from './en/common.js';
import { documents as enDocuments } from './en/documents.js';
import { validation as enValidation } from './en/validation.js';
import { web as enWeb } from './en/web/index.js';
import { resolveLocale, type Locale } from './locale.js';
import { codes as ruCodes } from './ru/codes.js';
import {
  errors as ruErrors,
  roles as ruRoles,
  status as ruStatus,
  taskStatus as ruTaskStatus,
} from './ru/common.js';
import { documents as ruDocuments } from './ru/documents.js';
import { validation as ruValidation } from './ru/validation.js';
import { web as ruWeb } from './ru/web/index.js';

/**
 * The part of the one catalog (docs/0017) the web cabinet shows: the same texts, imported section by section so
 * the browser does not download the bots' and notifications' texts (the first page's JavaScript budget, docs/0019).
 */
export type WebCatalog = Pick<
  Catalog,
  'errors' | 'status' | 'taskStatus' | 'roles' | 'codes' | 'validation' | 'web' | 'documents'
>;

const WEB_CATALOGS: Readonly<Record<Locale, WebCatalog>> = {
  ru: {
    errors: ruErrors,
    status: ruStatus,
    taskStatus: ruTaskStatus,
    roles: ruRoles,
    codes: ruCodes,
    validation: ruValidation,
    web: ruWeb,
    documents: ruDocuments,
  },
  en: {
    errors: enErrors,
    status: enStatus,
    taskStatus: enTaskStatus,
    roles: enRoles,
    codes: enCodes,
    validation: enValidation,
    web: enWeb,
    documents: enDocuments,
  },
};

/** The web cabinet's texts of a language; anything but English reads Russian, as `catalog` does. */
export function webCatalog(locale: string | null | undefined): WebCatalog {
  return WEB_CATALOGS[resolveLocale(locale)];
}
