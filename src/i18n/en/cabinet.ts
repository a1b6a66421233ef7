import type { cabinet as ruCabinet } from '../ru/cabinet.js';
import { codes } from './codes.js';
import { errors, roles, status, taskStatus } from './common.js';
import { documents } from './documents.js';
import { validation } from './validation.js';
import { web } from './web/index.js';

/** The catalog's sections the web cabinet shows, in English (typed against the Russian source). */
export const cabinet: typeof ruCabinet = {
  errors,
  status,
  taskStatus,
  roles,
  codes,
  validation,
  web,
  documents,
};
