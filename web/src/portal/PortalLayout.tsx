import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppFrame } from '../components/AppFrame.tsx';

/** The User Portal: Dashboard, Applications, Profile, Security. */
export function PortalLayout() {
  const { t } = useTranslation();
  const sections = [
    { to: '/', label: t('portal.dashboard') },
    { to: '/applications', label: t('portal.applications') },
    { to: '/profile', label: t('portal.profile') },
    { to: '/security', label: t('portal.security') },
  ];
  return (
    <AppFrame title="Tessera" portal="user" sections={() => sections}>
      {(session) => <Outlet context={session} />}
    </AppFrame>
  );
}
