import { codes } from './codes.js';
import { errors, roles, status, taskStatus } from './common.js';
import { documents } from './documents.js';
import { validation } from './validation.js';
import { web } from './web/index.js';

/** The catalog's sections the web cabinet shows (the browser imports only these: src/i18n/web.ts). */
export const cabinet = { errors, status, taskStatus, roles, codes, validation, web, documents };
