import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../../lib/i18n';
import type { ChecklistItem, ChecklistMarks } from '../checklist';

/** Each item as a group of two choices (done / not applicable) and, for "not applicable", its note. */
export function ChecklistFields({
  items,
  marks,
  onChange,
  idPrefix,
}: {
  items: readonly ChecklistItem[];
  marks: ChecklistMarks;
  onChange(next: ChecklistMarks): void;
  idPrefix: string;
}) {
  const { t, locale } = useI18n();
  const c = t.web.staffWork.checklist;
  return (
    <Stack gap="md">
      {items.map((item) => {
        const mark = marks[item.key] ?? {};
        const set = (changes: { status?: 'done' | 'na'; note?: string }) =>
          onChange({ ...marks, [item.key]: { ...mark, ...changes } });
        return (
          <Stack key={item.key} gap={6}>
            <Radio.Group
              label={item[locale]}
              value={mark.status ?? null}
              onChange={(value) => set({ status: value === 'na' ? 'na' : 'done' })}
              name={`${idPrefix}-${item.key}`}
            >
              <Stack gap={6} mt={6}>
                <Radio value="done" label={c.done} />
                <Radio value="na" label={c.na} />
              </Stack>
            </Radio.Group>
            {mark.status === 'na' && (
              <TextInput
                label={c.note}
                value={mark.note ?? ''}
                onChange={(event) => set({ note: event.currentTarget.value })}
                error={mark.note !== undefined && !mark.note.trim() ? c.noteRequired : undefined}
                maxLength={500}
              />
            )}
          </Stack>
        );
      })}
      {items.length === 0 && <Text c="gray.7">—</Text>}
    </Stack>
  );
}
