import { Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { LoadFailed } from '../../components/ui/load-failed';
import type { Me } from '../../features/auth/api/get-me';
import { useRequestTypes } from '../../features/new-request/api';
import { useI18n } from '../../lib/i18n';

/** The type catalogue (issue 9 item 4): every request type a client can file, with one line on what it is for. */
export function NewRequestRoute(_props: { me: Me }) {
  const { t, locale } = useI18n();
  const n = t.web.newRequest;
  const types = useRequestTypes();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {n.title}
        </Title>
        <Text c="gray.7">{n.intro}</Text>
      </Stack>
      {types.isPending ? (
        <div
          className="kabinet-grid kabinet-grid-3"
          aria-busy="true"
          role="status"
          aria-label={t.web.loading}
        >
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Skeleton key={i} height={96} radius="lg" />
          ))}
        </div>
      ) : types.isError ? (
        <LoadFailed message={n.loadFailed} error={types.error} onRetry={() => void types.refetch()} />
      ) : (
        <div className="kabinet-grid kabinet-grid-3">
          {types.data.map((type) => (
            <Paper
              key={type.code}
              component={Link}
              to={`/requests/new/${type.code}`}
              withBorder
              p="lg"
              radius="lg"
              className="kabinet-card-link"
            >
              <Stack gap={6}>
                <Text fw={600} size="lg">
                  {type.title[locale]}
                </Text>
                <Text size="sm" c="gray.7">
                  {n.types[type.code].description}
                </Text>
              </Stack>
            </Paper>
          ))}
        </div>
      )}
    </Stack>
  );
}
