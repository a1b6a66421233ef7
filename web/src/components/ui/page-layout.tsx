import { Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../../lib/i18n';
import { LanguageSwitch } from './language-switch';

/** The branded frame of every screen: the header with the name and the language, the content, the footer. */
export function PageLayout({
  children,
  actions,
  navigation,
}: {
  children: ReactNode;
  actions?: ReactNode;
  navigation?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="kabinet-page">
      <header className="kabinet-header">
        <Container size="lg" py="sm">
          <Group justify="space-between">
            <Group gap="sm">
              <span className="kabinet-logo" aria-hidden="true">
                {t.web.brand.charAt(0)}
              </span>
              <Text fw={700} size="lg">
                {t.web.brand}
              </Text>
            </Group>
            <Group gap="sm">
              {actions}
              <LanguageSwitch />
            </Group>
          </Group>
        </Container>
      </header>
      {navigation}
      <main className="kabinet-main">{children}</main>
      <footer className="kabinet-footer">
        <Text size="xs" c="gray.7">
          {t.web.tagline}
        </Text>
      </footer>
    </div>
  );
}
