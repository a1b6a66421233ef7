import { Button, Group, Paper, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ListPagination } from '../../components/ui/list-pagination';
import { LoadFailed } from '../../components/ui/load-failed';
import { ToneBadge } from '../../components/ui/tone-badge';
import type { Me } from '../../features/auth/api/get-me';
import { DESK_PAGE_SIZE, useDeskList, type DeskItem } from '../../features/desk/api';
import { useQuestionnaires } from '../../features/onboarding/api';
import { when } from '../../lib/dates';
import { useI18n } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/url-filters';

const KINDS = ['individual', 'sole_proprietor', 'legal_entity'] as const;
const STATUSES = ['submitted', 'imported'] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

/** A questionnaire in the list: number, name, kind, date, status, duplicates. */
export function DeskStatus({ item }: { item: Pick<DeskItem, 'status' | 'contractsSignedAt'> }) {
  const { t } = useI18n();
  const d = t.web.desk;
  if (item.contractsSignedAt) return <ToneBadge tone="green">{d.signed}</ToneBadge>;
  return (
    <ToneBadge tone={item.status === 'imported' ? 'indigo' : 'yellow'}>{d.statuses[item.status]}</ToneBadge>
  );
}

function Row({ item, kindTitle }: { item: DeskItem; kindTitle: string }) {
  const { t, locale } = useI18n();
  const d = t.web.desk;
  return (
    <Paper
      withBorder
      radius="lg"
      p="md"
      component={Link}
      to={`/onboarding/${item.id}`}
      className="kabinet-row-link"
    >
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2}>
          <Text fw={700}>
            {item.number} · {item.name}
          </Text>
          <Text size="sm" c="gray.7">
            {kindTitle}
            {item.inn ? ` · ${d.inn(item.inn)}` : ''} · {d.submittedAt(when(item.submittedAt, locale))}
          </Text>
        </Stack>
        <Group gap="xs">
          {item.duplicates.length > 0 && (
            <ToneBadge tone="orange">{d.duplicates(item.duplicates.length)}</ToneBadge>
          )}
          <DeskStatus item={item} />
        </Group>
      </Group>
    </Paper>
  );
}

/** `/onboarding`: the client managers' list of sent questionnaires (issue 12 item 5). */
export function DeskRoute(_props: { me: Me }) {
  const { t, locale } = useI18n();
  const d = t.web.desk;
  const { params, page, update } = useUrlFilters();
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const filters = {
    q: q || undefined,
    kind: oneOf(KINDS, params.get('kind')),
    status: oneOf(STATUSES, params.get('status')),
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    page,
  };
  const list = useDeskList(filters);
  const questionnaires = useQuestionnaires();
  const kindTitle = (kind: string) =>
    questionnaires.data?.kinds.find((k) => k.kind === kind)?.title[locale] ?? kind;
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {d.title}
        </Title>
        <Text c="gray.7">{d.intro}</Text>
      </Stack>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: typed.trim() || null });
        }}
      >
        <Stack gap="sm">
          <Group gap="sm" align="flex-end">
            <TextInput
              label={d.search}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              maxLength={100}
              className="kabinet-grow"
            />
            <Button type="submit" variant="light">
              {d.searchButton}
            </Button>
          </Group>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={d.kind}
              data={[
                { value: '', label: d.anyKind },
                ...KINDS.map((kind) => ({ value: kind, label: kindTitle(kind) })),
              ]}
              value={filters.kind ?? ''}
              onChange={(value) => update({ kind: value || null })}
              allowDeselect={false}
              w={240}
            />
            <Select
              label={d.status}
              data={[
                { value: '', label: d.anyStatus },
                ...STATUSES.map((status) => ({ value: status, label: d.statuses[status] ?? status })),
              ]}
              value={filters.status ?? ''}
              onChange={(value) => update({ status: value || null })}
              allowDeselect={false}
              w={200}
            />
            <TextInput
              type="date"
              label={d.from}
              value={filters.from ?? ''}
              onChange={(event) => update({ from: event.currentTarget.value || null })}
              w={170}
            />
            <TextInput
              type="date"
              label={d.to}
              value={filters.to ?? ''}
              onChange={(event) => update({ to: event.currentTarget.value || null })}
              w={170}
            />
          </Group>
        </Stack>
      </form>
      {list.isPending ? (
        <Skeleton height={160} radius="lg" />
      ) : list.isError ? (
        <LoadFailed message={d.loadFailed} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text>{d.none}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="gray.7" role="status">
            {d.found(list.data.total)}
          </Text>
          {list.data.items.map((item) => (
            <Row key={item.id} item={item} kindTitle={kindTitle(item.kind)} />
          ))}
          <ListPagination
            total={list.data.total}
            pageSize={DESK_PAGE_SIZE}
            page={page}
            onChange={(next) => update({ page: String(next) })}
          />
        </Stack>
      )}
    </Stack>
  );
}
