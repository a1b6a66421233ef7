import {
  Alert,
  Button,
  Container,
  Divider,
  FileInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageLayout } from '../../components/ui/page-layout';
import { api, ApiError, unwrap } from '../../lib/api-client';
import type { components } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n';

type Verification = components['schemas']['Verification'];

/** SHA-256 of a file, in the browser (WebCrypto): the document itself is never sent. */
async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `2026-12-03` → `03.12.2026` (ru) or `3 Dec 2026` (en). */
function signedOnWords(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString(
    locale === 'en' ? 'en-GB' : 'ru-RU',
    {
      timeZone: 'UTC',
      ...(locale === 'en' ? { day: 'numeric', month: 'short', year: 'numeric' } : {}),
    },
  );
}

/**
 * The public check of a printed form (issue 11 item 8, docs/0022): by the PDF (hashed here) or by the short code
 * from the paper (the QR code opens this page with it). Says authentic with the request number and the signing date,
 * or no match — nothing else.
 */
export function VerifyRoute() {
  const { t, locale } = useI18n();
  const v = t.web.verify;
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({
    mutationFn: async (
      input: { kind: 'file'; file: File } | { kind: 'code'; code: string },
    ): Promise<Verification> => {
      if (input.kind === 'file') {
        const sha256 = await sha256Hex(input.file);
        return unwrap(
          await api.GET('/api/v1/verifications/documents/{sha256}', { params: { path: { sha256 } } }),
        );
      }
      const answer = await api.GET('/api/v1/verifications/codes/{code}', {
        params: { path: { code: input.code } },
      });
      // A code that is not even well formed names nothing: the same "no match".
      if (answer.response.status === 404) return { result: 'no_match' };
      return unwrap(answer);
    },
  });
  const result = check.data;
  const error = check.error;
  return (
    <PageLayout>
      <Container size={560} p={0}>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <Stack gap="lg">
            <Title order={1} size="h2">
              {v.title}
            </Title>
            <Text c="gray.7">{v.intro}</Text>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (file) check.mutate({ kind: 'file', file });
              }}
            >
              <Stack gap="sm">
                <FileInput
                  label={v.fileLabel}
                  description={v.fileHint}
                  accept="application/pdf"
                  value={file}
                  onChange={setFile}
                />
                <Button
                  type="submit"
                  disabled={!file}
                  loading={check.isPending && check.variables?.kind === 'file'}
                >
                  {v.checkFile}
                </Button>
              </Stack>
            </form>
            <Divider label={v.or} labelPosition="center" />
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (code.trim()) check.mutate({ kind: 'code', code: code.trim() });
              }}
            >
              <Stack gap="sm">
                <TextInput
                  label={v.codeLabel}
                  description={v.codeHint}
                  value={code}
                  onChange={(event) => setCode(event.currentTarget.value)}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={32}
                />
                <Button
                  type="submit"
                  disabled={code.trim() === ''}
                  loading={check.isPending && check.variables?.kind === 'code'}
                >
                  {v.checkCode}
                </Button>
              </Stack>
            </form>
            <div aria-live="polite">
              {result?.result === 'match' && result.requestNumber && result.signedOn && (
                <Alert
                  className="kabinet-result"
                  data-tone="ok"
                  variant="light"
                  title={v.match(result.requestNumber, signedOnWords(result.signedOn, locale))}
                >
                  {result.document === 'signed_copy'
                    ? v.matchCopy
                    : result.document === 'signed'
                      ? v.matchSigned
                      : null}
                </Alert>
              )}
              {result?.result === 'no_match' && (
                <Alert className="kabinet-result" data-tone="bad" variant="light">
                  {v.noMatch}
                </Alert>
              )}
              {error && (
                <Alert className="kabinet-result" data-tone="bad" variant="light">
                  {error instanceof ApiError && error.status === 429
                    ? v.throttled(error.retryAfterSeconds)
                    : v.failed}
                </Alert>
              )}
            </div>
          </Stack>
        </Paper>
      </Container>
    </PageLayout>
  );
}
