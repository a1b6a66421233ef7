import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../../auth/api/get-me';
import { useI18n } from '../../../lib/i18n';
import { useSandboxOverview } from '../api';
import { sandboxDeepLink, sandboxHref } from '../deep-link';

/**
 * Beside a Telegram deep link: "Open in the sandbox" when the link's bot is the built-in sandbox's (the link leads
 * nowhere on the real Telegram then); nothing otherwise. `as` is who opens it there, when that person is known.
 */
export function OpenInSandbox({ url, as }: { url: string; as?: string }) {
  const { t } = useI18n();
  const me = useMe();
  // Asked only of those who may use it: for anyone else the sandbox is a 404 (off, or not theirs).
  const overview = useSandboxOverview(me.data?.sandbox === true);
  const link = sandboxDeepLink(url, overview.data?.bots);
  if (!link) return null;
  const known = as && overview.data?.people.some((p) => p.key === as) ? as : undefined;
  return (
    <Button component={Link} to={sandboxHref(link, known)} variant="outline">
      {t.web.sandbox.openInSandbox}
    </Button>
  );
}
