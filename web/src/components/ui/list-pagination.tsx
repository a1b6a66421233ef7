import { Group, Pagination } from '@mantine/core';
import { useI18n } from '../../lib/i18n';

/** Pages of a list, every control with an accessible name; nothing when everything fits on one page. */
export function ListPagination({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number | undefined;
  pageSize: number;
  page: number;
  onChange(page: number): void;
}) {
  const { t } = useI18n();
  const pages = total ? Math.max(1, Math.ceil(total / pageSize)) : 1;
  if (pages <= 1) return null;
  const labels = t.web.requests.pagination;
  return (
    <Group justify="center">
      <Pagination
        total={pages}
        value={page}
        onChange={onChange}
        getControlProps={(control) => ({ 'aria-label': labels[control] })}
        getItemProps={(item) => ({ 'aria-label': labels.page(item) })}
      />
    </Group>
  );
}
