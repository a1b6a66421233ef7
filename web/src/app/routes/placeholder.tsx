import { Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../lib/i18n';

/** A section that is not built yet: its title and a plain word, never a blank page. */
export function PlaceholderPage({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="xl" radius="lg">
      <Stack gap="sm">
        <Title order={2}>{title}</Title>
        <Text c="dimmed">{t.web.shell.comingSoon}</Text>
      </Stack>
    </Paper>
  );
}
