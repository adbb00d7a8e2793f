import { useRef, type ReactNode } from 'react';
import { AppShell, Burger, Group, NavLink, Text, Title, useMantineTheme } from '@mantine/core';
import { useDisclosure, useFocusTrap, useMediaQuery, useWindowEvent } from '@mantine/hooks';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contract/session.ts';
import { loginPathOf, type Portal } from '../../../contract/sign-in.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { RequireSession } from './RequireSession.tsx';
import { BrandMark } from './BrandMark.tsx';

type Section = { to: string; label: string; within?: string };

type Props = {
  title: string;
  portal: Portal;
  /**
   * Navigation entries, for this session. An entry is current on its path and the pages under it;
   * the first is the portal's home, current on its exact path only, and on the pages under `within`
   * (Users, on a member's page under /admin/users).
   */
  sections(session: SessionInfo): readonly Section[];
  children(session: SessionInfo): ReactNode;
};

const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
const isCurrent = (s: Section, home: boolean, path: string) => (home ? path === s.to : isUnder(path, s.to)) || (s.within !== undefined && isUnder(path, s.within));

/** The signed-in frame of both portals: navigation on the left, organization and account menu on top. */
export function AppFrame({ title, portal, sections, children }: Props) {
  const loginPath = loginPathOf(portal);
  const { t } = useTranslation();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const theme = useMantineTheme();
  // Below the `sm` breakpoint the navigation is a menu over the page, opened by the burger.
  const phone = useMediaQuery(`(max-width: calc(${theme.breakpoints.sm} - 0.1px))`) ?? false;
  const menuOpen = phone && opened;
  const burger = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  // The open menu covers the page: Tab stays in it (the page behind is inert), Escape closes it.
  const trap = useFocusTrap(menuOpen);
  useWindowEvent('keydown', (e) => {
    if (!menuOpen || e.key !== 'Escape') return;
    close();
    burger.current?.focus();
  });
  return (
    <RequireSession loginPath={loginPath}>
      {(session) => (
        // The frame draws the navigation's edge: the navbar is fixed and one viewport tall, so its own
        // border stopped there wherever the page is seen whole (a full-page capture, a printout).
        <AppShell className="tessera-frame" header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
          {/* The first Tab stop (WCAG 2.4.1): past the header and the navigation, straight to the page.
              Focused by hand, not by following the #fragment, which the router would take as a navigation. */}
          <a
            href="#main-content"
            className="tessera-skip-link"
            onClick={(e) => {
              e.preventDefault();
              main.current?.focus();
            }}
          >
            {t('portal.skipToContent')}
          </a>
          <AppShell.Header>
            {/* One line at any width: on a phone the title is cut short and the organization name
                left out, rather than wrapping below the header and under the account button. */}
            <Group h="100%" px="md" justify="space-between" wrap="nowrap">
              <Group wrap="nowrap" gap="sm" miw={0} style={{ flex: 1 }}>
                <Burger ref={burger} opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('portal.navigation')} aria-expanded={opened} aria-controls="app-navigation" />
                <Title order={2} size="h4" lineClamp={1}>{title}</Title>
                <BrandMark org={session.organization.slug} showName={false} />
                <Text c="dimmed" data-testid="org-name" truncate visibleFrom="sm">{session.organization.name}</Text>
              </Group>
              <AccountMenu session={session} portal={portal} loginPath={loginPath} />
            </Group>
          </AppShell.Header>
          {/* Closed on a phone, the menu is off screen: inert, so that Tab does not walk through links nobody sees. */}
          <AppShell.Navbar ref={trap} id="app-navigation" p="xs" component="nav" aria-label={t('portal.navigation')} inert={phone && !opened}>
            {sections(session).map((s, i) => {
              const current = isCurrent(s, i === 0, location.pathname);
              return <NavLink key={s.to} component={Link} to={s.to} label={s.label} variant="filled" active={current} aria-current={current ? 'page' : undefined} onClick={close} />;
            })}
          </AppShell.Navbar>
          <AppShell.Main ref={main} id="main-content" tabIndex={-1} inert={menuOpen}>{children(session)}</AppShell.Main>
        </AppShell>
      )}
    </RequireSession>
  );
}
