import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ListLoading } from '../../components/ui/list-loading';
import { ToneBadge } from '../../components/ui/tone-badge';
import { ListPagination } from '../../components/ui/list-pagination';
import { useUrlFilters } from '../../lib/url-filters';
import { LoadFailed } from '../../components/ui/load-failed';
import {
  useExports,
  useReExport,
  type BackofficeExport,
  type ExportQuery,
} from '../../features/exchange/api';
import { ApiError } from '../../lib/api-client';
import { when } from '../../lib/dates';
import { useI18n } from '../../lib/i18n';

const PAGE_SIZE = 20;
const STATES = ['sent', 'overdue', 'acknowledged', 'error'] as const;
const TONES: Record<(typeof STATES)[number], string> = {
  sent: 'blue',
  overdue: 'orange',
  acknowledged: 'green',
  error: 'red',
};

const stateOf = (item: BackofficeExport): (typeof STATES)[number] => (item.overdue ? 'overdue' : item.status);
/** Refused, or left unanswered past its time: a person may send it again. */
const canReExport = (item: BackofficeExport): boolean => item.status === 'error' || item.overdue;

function StateBadge({ item }: { item: BackofficeExport }) {
  const { t } = useI18n();
  const state = stateOf(item);
  return <ToneBadge tone={TONES[state]}>{t.web.exchange.status[state]}</ToneBadge>;
}

function Subject({ item }: { item: BackofficeExport }) {
  const { t } = useI18n();
  return (
    <Stack gap={0}>
      {item.requestId && item.requestNumber ? (
        <Anchor component={Link} to={`/requests/${item.requestId}`} fw={600} className="kabinet-nowrap">
          {t.web.numbered(item.requestNumber)}
        </Anchor>
      ) : null}
      <Text size="sm" c="gray.7">
        {item.clientName}
      </Text>
    </Stack>
  );
}

function Answer({ item }: { item: BackofficeExport }) {
  const { t, locale } = useI18n();
  const x = t.web.exchange;
  if (item.status === 'error')
    return (
      <Text size="sm" c="red.8">
        {item.error}
      </Text>
    );
  if (item.status === 'acknowledged')
    return (
      <Stack gap={0}>
        {item.backofficeRef && <Text size="sm">{x.reference(item.backofficeRef)}</Text>}
        {item.acknowledgedAt && (
          <Text size="sm" c="gray.7">
            {x.answeredAt(when(item.acknowledgedAt, locale))}
          </Text>
        )}
      </Stack>
    );
  return (
    <Text size="sm" c="gray.7">
      {x.noAnswer}
    </Text>
  );
}

function ReExportButton({
  item,
  onDone,
}: {
  item: BackofficeExport;
  onDone(message: string, ok: boolean): void;
}) {
  const { t } = useI18n();
  const reExport = useReExport();
  if (!canReExport(item)) return null;
  return (
    <Button
      size="xs"
      variant="light"
      loading={reExport.isPending}
      aria-label={`${t.web.exchange.reExport}: ${t.web.exchange.kind[item.kind]} ${item.requestNumber ?? item.clientName}`}
      onClick={() =>
        reExport.mutate(
          { id: item.id, attempt: item.attempt },
          {
            onSuccess: (sent) => onDone(t.web.exchange.reExported(sent.attempt), true),
            onError: () => onDone(t.web.exchange.reExportFailed, false),
          },
        )
      }
    >
      {t.web.exchange.reExport}
    </Button>
  );
}

function ExportRows({
  items,
  onDone,
}: {
  items: readonly BackofficeExport[];
  onDone(message: string, ok: boolean): void;
}) {
  const { t, locale } = useI18n();
  const x = t.web.exchange;
  const c = x.columns;
  return (
    <>
      <Table className="kabinet-desktop-only" verticalSpacing="sm" aria-label={x.title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c.event}</Table.Th>
            <Table.Th>{c.subject}</Table.Th>
            <Table.Th>{c.attempt}</Table.Th>
            <Table.Th>{c.status}</Table.Th>
            <Table.Th>{c.sentAt}</Table.Th>
            <Table.Th>{c.answer}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{x.reExport}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {x.kind[item.kind]}
                </Text>
                <Text size="xs" c="gray.7" title={x.file}>
                  {item.fileName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Subject item={item} />
              </Table.Td>
              <Table.Td>{item.attempt}</Table.Td>
              <Table.Td className="kabinet-col-badge">
                <StateBadge item={item} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{when(item.sentAt, locale)}</Text>
              </Table.Td>
              <Table.Td maw={320}>
                <Answer item={item} />
              </Table.Td>
              <Table.Td>
                <ReExportButton item={item} onDone={onDone} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack className="kabinet-phone-only" gap="sm" p="sm">
        {items.map((item) => (
          <Paper key={item.id} withBorder p="md" radius="md">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Text fw={600}>{x.kind[item.kind]}</Text>
                <StateBadge item={item} />
              </Group>
              <Subject item={item} />
              <Text size="sm" c="gray.7">
                {c.sentAt}: {when(item.sentAt, locale)} · {c.attempt}: {item.attempt}
              </Text>
              <Answer item={item} />
              <Group>
                <ReExportButton item={item} onDone={onDone} />
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

/**
 * The back-office exchange (issue 11 item 7, docs/0023): every export with its state — awaiting an answer, taken,
 * refused with the back office's words, or overdue — per request when opened from one, and "export again" for
 * the refused and the overdue. Administrators and the back office only (the API decides).
 */
export function ExchangeRoute() {
  const { t } = useI18n();
  const x = t.web.exchange;
  const { params, page, update } = useUrlFilters();
  const requestId = params.get('requestId') ?? undefined;
  const status = params.get('status') ?? null;
  const query: ExportQuery = {
    page,
    pageSize: PAGE_SIZE,
    ...(requestId ? { requestId } : {}),
    ...(status ? { status: status as NonNullable<ExportQuery['status']> } : {}),
  };
  const list = useExports(query);
  const [notice, setNotice] = useState<{ message: string; ok: boolean } | null>(null);
  const number = list.data?.items.find((item) => item.requestNumber)?.requestNumber;
  const off = list.error instanceof ApiError && list.error.status === 503;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {x.title}
        </Title>
        <Text c="gray.7">{x.intro}</Text>
      </Stack>
      {requestId && (
        <Group gap="sm">
          <Text fw={600}>{number ? x.forRequest(number) : x.forRequestId}</Text>
          <Anchor component={Link} to="/admin/exchange">
            {x.allExports}
          </Anchor>
        </Group>
      )}
      <Group gap="sm" align="flex-end">
        <Select
          label={x.filters.status}
          placeholder={x.filters.any}
          data={STATES.map((value) => ({ value, label: x.status[value] }))}
          value={status}
          onChange={(value) => {
            setNotice(null);
            update({ status: value });
          }}
          clearable
          className="kabinet-filter"
        />
      </Group>
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} variant="light" role={notice.ok ? 'status' : 'alert'}>
          {notice.message}
        </Alert>
      )}
      {off ? (
        <Alert color="gray" variant="light">
          {x.off}
        </Alert>
      ) : list.isPending ? (
        <ListLoading />
      ) : list.isError ? (
        <LoadFailed message={x.loadFailed} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="lg">
          <Text>{status || requestId ? x.emptyFiltered : x.empty}</Text>
        </Paper>
      ) : (
        <Paper withBorder radius="lg" className="kabinet-list-paper">
          <ExportRows items={list.data.items} onDone={(message, ok) => setNotice({ message, ok })} />
        </Paper>
      )}
      {list.data?.items.some(canReExport) && (
        <Text size="sm" c="gray.7">
          {x.reExportHint}
        </Text>
      )}
      <ListPagination
        total={list.data?.total}
        pageSize={PAGE_SIZE}
        page={page}
        onChange={(next) => {
          setNotice(null);
          update({ page: String(next) });
        }}
      />
    </Stack>
  );
}
