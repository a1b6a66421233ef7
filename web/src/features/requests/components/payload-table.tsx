import { Badge, Group, Table, Text } from '@mantine/core';
import { formatDecimal } from '../../../../../src/i18n/format.js';
import { useI18n } from '../../../lib/i18n';
import type { RequestType } from '../../new-request/api';

/**
 * The request's fields in the person's words: labels from the type, options by their labels, money grouped.
 * `masked` names the fields the server cut to their last characters for this reader; they are marked so.
 */
export function PayloadTable({
  type,
  payload,
  masked = [],
}: {
  type: RequestType | undefined;
  payload: Record<string, unknown>;
  masked?: readonly string[];
}) {
  const { locale, t } = useI18n();
  const fields =
    type?.fields ??
    Object.keys(payload).map((name) => ({
      name,
      kind: 'text',
      label: { ru: name, en: name },
      options: undefined,
    }));
  const rows = fields.filter((field) => payload[field.name] !== undefined && payload[field.name] !== '');
  return (
    <Table variant="vertical" layout="fixed" withRowBorders>
      <Table.Tbody>
        {rows.map((field) => {
          const raw = payload[field.name];
          const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
          const value =
            field.kind === 'enum'
              ? (field.options?.find((o) => o.value === text)?.label[locale] ?? text)
              : field.kind === 'decimal'
                ? formatDecimal(text, locale)
                : text;
          return (
            <Table.Tr key={field.name}>
              <Table.Th fw={400} c="gray.7">
                {field.label[locale]}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {masked.includes(field.name) ? (
                  <Group gap="xs" wrap="nowrap">
                    <Text span>{value}</Text>
                    <Badge variant="light" color="gray" size="sm" title={t.web.staffWork.maskedNote}>
                      {t.web.staffWork.maskedMark}
                    </Badge>
                  </Group>
                ) : (
                  value
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
