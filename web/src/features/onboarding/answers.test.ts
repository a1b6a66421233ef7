import { describe, expect, it } from 'vitest';
import { answersFromInputs, inputsFromAnswers, stepErrors } from './answers';
import { draftFromLink, resumeLink, storedDraft, storeDraft } from './draft-key';

const FIELDS = [
  { name: 'lastName', kind: 'text' },
  { name: 'actualSameAsRegistration', kind: 'checkbox' },
  { name: 'middleName', kind: 'text' },
];

describe('answers and inputs', () => {
  it('boxes travel as booleans, empty text is left out, text is trimmed', () => {
    expect(
      answersFromInputs(FIELDS, {
        lastName: '  Соколова ',
        actualSameAsRegistration: 'false',
        middleName: ' ',
      }),
    ).toEqual({
      lastName: 'Соколова',
      actualSameAsRegistration: false,
    });
    expect(inputsFromAnswers({ lastName: 'Соколова', actualSameAsRegistration: true, stray: 3 })).toEqual({
      lastName: 'Соколова',
      actualSameAsRegistration: 'true',
    });
  });

  it('a step can go on only when none of its applicable fields has an issue', () => {
    const errors = { lastName: ['required'], actualAddress: ['required'] };
    expect(stepErrors(['lastName', 'middleName'], new Set(['lastName', 'middleName']), errors)).toEqual([
      'lastName',
    ]);
    expect(stepErrors(['actualAddress'], new Set(), errors)).toEqual([]);
  });
});

describe('the draft key', () => {
  const key = {
    id: '0b8e1f9a-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
    token: 'abcdefghijklmnopqrstuvwxyz012345678_-AB',
  };

  it('a resume link carries the secret in the fragment and reads back', () => {
    const link = resumeLink('https://kabinet.example.ru', key);
    expect(link).toBe(`https://kabinet.example.ru/open-account/${key.id}#${key.token}`);
    expect(draftFromLink(key.id, `#${key.token}`)).toEqual(key);
    expect(draftFromLink(key.id, '#short')).toBeNull();
    expect(draftFromLink('not-a-uuid', `#${key.token}`)).toBeNull();
  });

  it('is kept in storage and forgotten; garbage in storage is no draft', () => {
    const memory = new Map<string, string>();
    const storage = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => void memory.set(k, v),
      removeItem: (k: string) => void memory.delete(k),
    };
    storeDraft(storage, key);
    expect(storedDraft(storage)).toEqual(key);
    storeDraft(storage, null);
    expect(storedDraft(storage)).toBeNull();
    memory.set('kabinet.onboarding.draft', '{not json');
    expect(storedDraft(storage)).toBeNull();
  });
});
