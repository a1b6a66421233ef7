import { Skeleton, Stack } from '@mantine/core';
import { useI18n } from '../../lib/i18n';

/** A list on its way: three placeholder rows, announced as loading. */
export function ListLoading() {
  const { t } = useI18n();
  return (
    <Stack gap="sm" aria-busy="true" role="status" aria-label={t.web.loading}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} height={56} radius="md" />
      ))}
    </Stack>
  );
}
