import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';

export type Questionnaires = components['schemas']['Questionnaires'];
export type QuestionnaireKind = Questionnaires['kinds'][number];
export type ApplicantKind = QuestionnaireKind['kind'];
export type Application = components['schemas']['AccountApplication'];
export type Answers = Record<string, string | boolean>;

/** Who holds a draft: its id and the secret of its resume link (sent as a header, never in an address). */
export interface DraftKey {
  id: string;
  token: string;
}

const holder = (key: DraftKey) => ({ 'X-Application-Token': key.token });

/** GET /api/v1/onboarding/questionnaires: the three questionnaires, the consent; the same for everyone. */
export function useQuestionnaires() {
  return useQuery({
    queryKey: ['onboarding', 'questionnaires'],
    queryFn: async () => unwrap(await api.GET('/api/v1/onboarding/questionnaires')),
    staleTime: Infinity,
  });
}

export async function startApplication(kind: ApplicantKind, locale: 'ru' | 'en') {
  return unwrap(await api.POST('/api/v1/onboarding/applications', { body: { kind, locale } }));
}

export async function readApplication(key: DraftKey): Promise<Application> {
  return unwrap(
    await api.GET('/api/v1/onboarding/applications/{id}', {
      params: { path: { id: key.id } },
      headers: holder(key),
    }),
  );
}

export async function saveApplication(
  key: DraftKey,
  answers: Answers,
  version: number,
): Promise<Application> {
  return unwrap(
    await api.PATCH('/api/v1/onboarding/applications/{id}', {
      params: { path: { id: key.id } },
      headers: holder(key),
      body: { answers, version },
    }),
  );
}

export async function sendContactCode(key: DraftKey, channel: 'phone' | 'email'): Promise<Application> {
  return unwrap(
    await api.POST('/api/v1/onboarding/applications/{id}/contacts/{channel}/code', {
      params: { path: { id: key.id, channel } },
      headers: holder(key),
    }),
  );
}

export async function confirmContact(
  key: DraftKey,
  channel: 'phone' | 'email',
  code: string,
): Promise<Application> {
  return unwrap(
    await api.POST('/api/v1/onboarding/applications/{id}/contacts/{channel}/confirm', {
      params: { path: { id: key.id, channel } },
      headers: holder(key),
      body: { code },
    }),
  );
}

export async function submitApplication(key: DraftKey): Promise<Application> {
  return unwrap(
    await api.POST('/api/v1/onboarding/applications/{id}/submit', {
      params: { path: { id: key.id } },
      headers: holder(key),
    }),
  );
}

/** POST /api/v1/onboarding/esia: ESIA's authorization page for a new «Войти через Госуслуги». */
export async function startEsia(locale: 'ru' | 'en'): Promise<string> {
  return unwrap(await api.POST('/api/v1/onboarding/esia', { body: { locale } })).url;
}
