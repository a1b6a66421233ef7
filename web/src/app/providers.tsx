import { createTheme, MantineProvider, Modal, type MantineColorSchemeManager } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { I18nProvider } from '../lib/i18n';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  components: {
    // The scroll lock's scrollbar gap is a <style> tag, which the CSP refuses; the lock itself stays.
    Modal: Modal.extend({ defaultProps: { removeScrollProps: { removeScrollBar: false } } }),
  },
});

/** Light only, kept nowhere: localStorage holds the language and nothing else. */
const lightOnly: MantineColorSchemeManager = {
  get: () => 'light',
  set: () => undefined,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  clear: () => undefined,
};

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network blip or a 5xx may.
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/**
 * Mantine without injected <style> tags (styles come from CSS files, so the CSP's `style-src 'self'` holds),
 * TanStack Query for server state, and the catalog's texts.
 */
export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider
      theme={theme}
      withCssVariables={false}
      withGlobalClasses={false}
      colorSchemeManager={lightOnly}
      defaultColorScheme="light"
    >
      <QueryClientProvider client={queryClient}>
        <I18nProvider>{children}</I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
