import { Anchor, Container, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageLayout } from '../../components/ui/page-layout';
import { useI18n } from '../../lib/i18n';

export function NotFoundRoute() {
  const { t } = useI18n();
  return (
    <PageLayout>
      <Container size="sm">
        <Stack gap="sm">
          <Text size="lg">{t.web.notFound}</Text>
          <Anchor component={Link} to="/">
            {t.web.toHome}
          </Anchor>
        </Stack>
      </Container>
    </PageLayout>
  );
}
