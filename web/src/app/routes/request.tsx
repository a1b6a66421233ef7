import type { Me } from '../../features/auth/api/get-me';
import { useI18n } from '../../lib/i18n';
import { PlaceholderPage } from './placeholder';

export function RequestRoute(_props: { me: Me }) {
  const { t } = useI18n();
  return <PlaceholderPage title={t.web.requests.title} />;
}
