import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contract/session.ts';
import type { Portal } from '../../../contract/sign-in.ts';
import { notifyError } from './notify-error.ts';
import { sessionApi, sessionKeys } from '../api/session.ts';
import { meApi } from '../api/me.ts';
import type { Language } from '../../../contract/language.ts';
import { LANGUAGES, setLanguage } from '../i18n/index.ts';

type Props = { session: SessionInfo; portal: Portal; loginPath: string };

/** Top right: initials; the organization switcher (when in several), language, and Log out. */
export function AccountMenu({ session, portal, loginPath }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const saved = session.user.language;

  // The person's own choice wins on any browser they sign in on (the sign-in pages' switch is this browser's only).
  useEffect(() => {
    if (saved) setLanguage(saved);
  }, [saved]);

  async function chooseLanguage(code: Language) {
    setLanguage(code);
    try {
      await meApi.setLanguage(code);
    } catch (err) {
      notifyError(err);
    }
    await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
  }

  async function logout() {
    // The server says where to go: its login page, or first through applications to sign out of.
    const next = await sessionApi.logout(portal).catch(() => undefined);
    queryClient.clear();
    window.location.assign(next?.redirectTo ?? loginPath);
  }
  async function switchTo(slug: string) {
    try {
      await sessionApi.switchOrganization(slug);
    } catch (err) {
      notifyError(err);
      return;
    }
    // Everything on screen belonged to the previous organization.
    await queryClient.invalidateQueries();
  }

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${session.user.initials} ${t("portal.accountMenu")}`}>
          <Avatar color="blue" radius="xl">
            {session.user.initials}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {session.user.firstName} {session.user.lastName}
          <br />
          {session.user.email}
        </Menu.Label>
        {session.organizations.length > 1 && (
          <>
            <Menu.Divider />
            <Menu.Label>{t('portal.organizations')}</Menu.Label>
            {session.organizations.map((o) => (
              <Menu.Item key={o.slug} onClick={() => switchTo(o.slug)} fw={o.slug === session.organization.slug ? 700 : 400} aria-current={o.slug === session.organization.slug ? 'true' : undefined}>
                {o.name}
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Divider />
        <Menu.Label>{t('common.language')}</Menu.Label>
        {LANGUAGES.map((l) => (
          <Menu.Item key={l.code} onClick={() => void chooseLanguage(l.code)} fw={i18n.language === l.code ? 700 : 400} aria-current={i18n.language === l.code ? 'true' : undefined}>
            {l.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" onClick={logout}>
          {t('portal.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
