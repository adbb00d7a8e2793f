import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme, getDefaultZIndex } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { z } from 'zod';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { i18n } from './i18n/index.ts';
import { App } from './App.tsx';
import { validationKey } from './forms/validation-key.ts';
import { onSessionLost } from './api/client.ts';
import { sessionKeys } from './api/session.ts';

// Form errors become i18n keys (validation.*), translated where the field renders.
z.config({ customError: validationKey });

// Shade 8 keeps text and buttons above the WCAG AA contrast ratio (4.5:1) on light backgrounds.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
  components: {
    // Every notification's close button gets a name for screen readers (axe: button-name), and its
    // text a colour dark enough for WCAG AA (Mantine's dimmed grey is about 3.3:1 on white).
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': i18n.t('common.close') } },
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    },
  },
});
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
onSessionLost(() => void queryClient.invalidateQueries({ queryKey: sessionKeys.all }));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      {/* Top right, below the portals' header (styles.css), not over its account menu; and beneath an
          open menu or list (popover level), so that a "Saved" hides none of its items (QA: bottom right
          covered the admin menus). Still above a modal, for what a dialog's action reports. */}
      <Notifications position="top-right" zIndex={getDefaultZIndex('modal') + 50} />
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
