import { Anchor, Button, Group, Paper, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ListLoading } from '../../components/ui/list-loading';
import { ListPagination } from '../../components/ui/list-pagination';
import { useUrlFilters } from '../../lib/url-filters';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import { useRequestList, type ListQuery, type RequestListItem } from '../../features/requests/api';
import { StatusBadge } from '../../features/requests/components/status-badge';
import { STATUS_ORDER, statusWords } from '../../features/requests/status';
import { when } from '../../lib/dates';
import { useI18n } from '../../lib/i18n';
import { useRequestTypes } from '../../features/new-request/api';
import type { Locale } from '../../../../src/i18n/locale.js';

const PAGE_SIZE = 10;

/** The date a row shows: when it was filed, or for a draft when it was last changed. */
function rowDate(item: RequestListItem, locale: Locale): string {
  return when(item.status === 'draft' ? item.updatedAt : (item.submittedAt ?? item.createdAt), locale);
}

function RequestRows({ items }: { items: readonly RequestListItem[] }) {
  const { t, locale } = useI18n();
  const c = t.web.requests.columns;
  return (
    <>
      {/* A table at a desk; on a phone each request is a card (the same links, the same order). */}
      <Table
        className="kabinet-desktop-only"
        highlightOnHover
        verticalSpacing="sm"
        aria-label={t.web.requests.title}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c.number}</Table.Th>
            <Table.Th>{c.type}</Table.Th>
            <Table.Th>{c.summary}</Table.Th>
            <Table.Th>{c.status}</Table.Th>
            <Table.Th>{c.date}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/requests/${item.id}`} fw={600}>
                  {item.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.title[locale]}</Table.Td>
              <Table.Td>
                <Text size="sm" c="gray.7" lineClamp={2}>
                  {item.summary[locale]}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="gray.7">
                  {rowDate(item, locale)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack className="kabinet-phone-only" gap="sm">
        {items.map((item) => (
          <Paper
            key={item.id}
            withBorder
            p="md"
            radius="md"
            component={Link}
            to={`/requests/${item.id}`}
            className="kabinet-card-link"
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={2}>
                <Text fw={600}>{item.title[locale]}</Text>
                <Text size="sm" c="gray.7">
                  {t.web.numbered(item.number)} · {rowDate(item, locale)}
                </Text>
              </Stack>
              <StatusBadge status={item.status} size="sm" />
            </Group>
            <Text size="sm" mt="xs" lineClamp={2}>
              {item.summary[locale]}
            </Text>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

/** My requests (issue 9 item 3): filed ones with filters and paging, drafts apart; filters live in the URL. */
export function RequestsRoute({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const r = t.web.requests;
  const { params, page, update } = useUrlFilters();
  const tab = params.get('tab') === 'drafts' ? 'drafts' : 'filed';
  const status = params.get('status') ?? null;
  const type = params.get('type') ?? null;
  const query: ListQuery = {
    drafts: tab === 'drafts' ? 'only' : 'exclude',
    page,
    pageSize: PAGE_SIZE,
    ...(tab === 'filed' && status ? { status: status as ListQuery['status'] } : {}),
    ...(tab === 'filed' && type ? { type: type as ListQuery['type'] } : {}),
  };
  const list = useRequestList(query);
  const types = useRequestTypes();
  const filtered = tab === 'filed' && (status !== null || type !== null);
  const isClient = me.kind === 'client';

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {r.title}
        </Title>
        {isClient && (
          <Button component={Link} to="/requests/new">
            {r.newRequest}
          </Button>
        )}
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => update({ tab: value === 'drafts' ? 'drafts' : null, status: null, type: null })}
      >
        <Tabs.List>
          <Tabs.Tab value="filed">{r.tabs.filed}</Tabs.Tab>
          <Tabs.Tab value="drafts">{r.tabs.drafts}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'filed' && (
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={r.filters.status}
            placeholder={r.filters.any}
            data={STATUS_ORDER.map((value) => ({ value, label: statusWords(t, value) }))}
            value={status}
            onChange={(value) => update({ status: value })}
            clearable
            className="kabinet-filter"
          />
          <Select
            label={r.filters.type}
            placeholder={r.filters.any}
            data={(types.data ?? []).map((type) => ({ value: type.code, label: type.title[locale] }))}
            value={type}
            onChange={(value) => update({ type: value })}
            clearable
            className="kabinet-filter kabinet-filter-wide"
          />
          {filtered && (
            <Button variant="subtle" onClick={() => update({ status: null, type: null })}>
              {r.filters.reset}
            </Button>
          )}
        </Group>
      )}
      {list.isPending ? (
        <ListLoading />
      ) : list.isError ? (
        <LoadFailed message={r.loadFailed} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="lg">
          <Stack gap="md" align="flex-start">
            <Text>{filtered ? r.empty.filtered : tab === 'drafts' ? r.empty.drafts : r.empty.filed}</Text>
            {isClient && !filtered && (
              <Button component={Link} to="/requests/new" variant="light">
                {r.newRequest}
              </Button>
            )}
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="lg" className="kabinet-list-paper">
          <RequestRows items={list.data.items} />
        </Paper>
      )}
      <ListPagination
        total={list.data?.total}
        pageSize={PAGE_SIZE}
        page={page}
        onChange={(next) => update({ page: String(next) })}
      />
    </Stack>
  );
}
