import { Alert, Anchor, Stack } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppFrame } from '../components/AppFrame.tsx';

/** The Administrator Portal: only administrators of the active organization get past the frame. */
export function AdminLayout() {
  const { t } = useTranslation();
  const sections = [
    { to: '/admin', label: t('adminNav.users'), within: '/admin/users' },
    { to: '/admin/groups', label: t('adminNav.groups') },
    { to: '/admin/administrators', label: t('adminNav.administrators') },
    { to: '/admin/applications', label: t('adminNav.applications') },
    { to: '/admin/policies', label: t('adminNav.policies') },
    { to: '/admin/audit', label: t('adminNav.audit') },
    { to: '/admin/api-keys', label: t('adminNav.apiKeys') },
    { to: '/admin/mail', label: t('adminNav.mail') },
  ];
  return (
    // A member who is no administrator here sees no sections they cannot open.
    <AppFrame title={t('admin.title')} portal="admin" sections={(session) => (session.organization.role === 'admin' ? sections : [])}>
      {(session) =>
        session.organization.role === 'admin' ? (
          <Outlet context={session} />
        ) : (
          <Stack maw={520}>
            <Alert color="orange" role="alert">{t('admin.notAdmin')}</Alert>
            <Anchor component={Link} to="/">{t('admin.toPortal')}</Anchor>
          </Stack>
        )
      }
    </AppFrame>
  );
}
