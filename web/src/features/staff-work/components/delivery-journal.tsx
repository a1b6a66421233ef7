import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { LoadFailed } from '../../../components/ui/load-failed';
import { when } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import { useRequestDeliveries } from '../api';

/** For the administrator: every notice of the request, per recipient and channel, its state and failure. */
export function DeliveryJournal({ requestId }: { requestId: string }) {
  const { t, locale } = useI18n();
  const d = t.web.staffWork.deliveries;
  const deliveries = useRequestDeliveries(requestId, true);
  return (
    <Paper withBorder p="lg" radius="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {d.title}
        </Title>
        {deliveries.isError ? (
          <LoadFailed
            message={d.loadFailed}
            error={deliveries.error}
            onRetry={() => void deliveries.refetch()}
          />
        ) : !deliveries.data ? null : deliveries.data.items.length === 0 ? (
          <Text c="gray.7">{d.empty}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={d.title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{d.columns.to}</Table.Th>
                  <Table.Th>{d.columns.what}</Table.Th>
                  <Table.Th>{d.columns.channel}</Table.Th>
                  <Table.Th>{d.columns.state}</Table.Th>
                  <Table.Th>{d.columns.when}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.data.items.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Text size="sm">
                        {row.recipientKind === 'role_chat'
                          ? d.roleChat(
                              (t.roles as Record<string, string>)[row.recipientRole ?? ''] ??
                                row.recipientRole ??
                                '',
                            )
                          : (row.recipientName ?? '—')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.topics[row.topic] ?? row.topic}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.channels[row.channel] ?? row.channel}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {d.statuses[row.status] ?? row.status}
                      </Text>
                      {row.lastError && (
                        <Text size="xs" c="gray.7">
                          {d.reasons[row.lastError] ?? row.lastError}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{when(row.sentAt ?? row.createdAt, locale)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
