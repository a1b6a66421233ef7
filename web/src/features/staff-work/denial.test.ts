import { describe, expect, it } from 'vitest';
import { catalog } from '../../../../src/i18n/index.js';
import { ApiError } from '../../lib/api-client';
import type { StaffRequest } from './api';
import { denialText } from './denial';

const ru = catalog('ru');
const refused = (status: number, code: string, reason?: string) =>
  new ApiError(status, code, null, reason ? { reason } : {});

const view = {
  status: 'in_progress',
  tasks: [
    {
      id: 't1',
      status: 'claimed',
      assigneeName: 'Контролёв Фёдор',
      approvals: [],
    },
    {
      id: 't2',
      status: 'done',
      assigneeName: null,
      approvals: [
        { userId: 'a', name: 'Мониторова Фаина', at: '2026-12-03T10:00:00Z' },
        { userId: 'b', name: 'Контролёв Фёдор', at: '2026-12-03T10:05:00Z' },
      ],
    },
  ],
} as unknown as StaffRequest;

describe('denialText', () => {
  it('names who took the task, from the request as it stands now', () => {
    expect(denialText(ru, refused(409, 'conflict', 'taken'), view, 't1')).toBe(
      'Задачу уже взял(а) Контролёв Фёдор.',
    );
  });
  it('names who approved a task that is already done', () => {
    expect(denialText(ru, refused(409, 'invalid_transition', 'task_status'), view, 't2')).toBe(
      'Задача уже в состоянии «выполнено» (Мониторова Фаина, Контролёв Фёдор).',
    );
  });
  it('words 4-eyes, segregation and a request that moved on', () => {
    expect(denialText(ru, refused(403, 'forbidden', 'four_eyes'), view, 't1')).toContain('четырёх глаз');
    expect(denialText(ru, refused(403, 'forbidden', 'segregation'), view, 't1')).toContain(
      'Разделение обязанностей',
    );
    expect(denialText(ru, refused(409, 'invalid_transition', 'request_status'), view, null)).toContain(
      'В работе',
    );
  });
  it('falls back to a conflict, a checklist or a general text', () => {
    expect(denialText(ru, refused(409, 'conflict'), view, null)).toBe(ru.web.staffWork.denied.conflict);
    expect(denialText(ru, refused(400, 'validation_failed'), view, null)).toBe(
      ru.web.staffWork.denied.invalid,
    );
    expect(denialText(ru, new TypeError('offline'), view, null)).toBe(ru.web.staffWork.denied.generic);
  });
});
