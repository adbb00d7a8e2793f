import { createBrowserRouter, RouterProvider } from 'react-router';
import { LoginPage } from './auth/login/LoginPage.tsx';
import { ResetPasswordPage } from './auth/reset/ResetPasswordPage.tsx';
import { InvitePage } from './auth/invite/InvitePage.tsx';
import { SetupPage } from './auth/setup/SetupPage.tsx';
import { ConfirmRecoveryEmailPage } from './auth/reset/ConfirmRecoveryEmailPage.tsx';
import { PortalLayout } from './portal/PortalLayout.tsx';
import { DashboardPage } from './portal/DashboardPage.tsx';
import { ApplicationsPage } from './portal/applications/ApplicationsPage.tsx';
import { ProfilePage } from './portal/profile/ProfilePage.tsx';
import { SecurityPage } from './portal/security/SecurityPage.tsx';
import { AdminLayout } from './admin/AdminLayout.tsx';
import { UsersPage } from './admin/UsersPage.tsx';
import { GroupsPage } from './admin/GroupsPage.tsx';
import { AppsPage } from './admin/apps/AppsPage.tsx';
import { OidcAppPage } from './admin/apps/OidcAppPage.tsx';
import { SamlAppPage } from './admin/apps/SamlAppPage.tsx';
import { BookmarkAppPage } from './admin/apps/BookmarkAppPage.tsx';
import { AdministratorsPage } from './admin/administrators/AdministratorsPage.tsx';
import { PoliciesPage } from './admin/PoliciesPage.tsx';
import { AuditPage } from './admin/AuditPage.tsx';
import { ApiKeysPage } from './admin/ApiKeysPage.tsx';
import { MailPage } from './admin/MailPage.tsx';
import { UserPage } from './admin/UserPage.tsx';
import { StepUpPage } from './sso/StepUpPage.tsx';
import { ConsentPage } from './sso/ConsentPage.tsx';
import { DeniedPage } from './sso/DeniedPage.tsx';
import { SsoErrorPage } from './sso/SsoErrorPage.tsx';
import { SsoCompletedPage } from './sso/SsoCompletedPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage portal="user" /> },
  { path: '/admin/login', element: <LoginPage portal="admin" /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/invite', element: <InvitePage /> },
  { path: '/setup', element: <SetupPage /> },
  { path: '/confirm-recovery-email', element: <ConfirmRecoveryEmailPage /> },
  { path: '/sso/step-up', element: <StepUpPage /> },
  { path: '/sso/consent/:uid', element: <ConsentPage /> },
  { path: '/sso/denied', element: <DeniedPage /> },
  { path: '/sso/error', element: <SsoErrorPage /> },
  { path: '/sso/completed/:uid', element: <SsoCompletedPage /> },
  {
    path: '/',
    element: <PortalLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'applications', element: <ApplicationsPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'security', element: <SecurityPage /> },
    ],
  },
  {
    path: '/admin',
    element: <AdminLayout />,
    children: [
      { index: true, element: <UsersPage /> },
      { path: 'groups', element: <GroupsPage /> },
      { path: 'applications', element: <AppsPage /> },
      { path: 'applications/oidc/:id', element: <OidcAppPage /> },
      { path: 'applications/saml/:id', element: <SamlAppPage /> },
      { path: 'applications/bookmark/:id', element: <BookmarkAppPage /> },
      { path: 'administrators', element: <AdministratorsPage /> },
      { path: 'policies', element: <PoliciesPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'mail', element: <MailPage /> },
      { path: 'users/:id', element: <UserPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
