import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { appDetailQueries } from '../../api/bookmark-apps.ts';
import { AppAssignmentsCard } from './AppAssignmentsCard.tsx';
import { AppIconCard } from './AppIconCard.tsx';
import { AppPageFrame } from './AppPageFrame.tsx';
import { BookmarkAppSettingsForm } from './BookmarkAppSettingsForm.tsx';
import { DeleteAppCard } from './DeleteAppCard.tsx';

/** One bookmark application: its settings, its icon, who it is assigned to, and deleting it. */
export function BookmarkAppPage() {
  const { id = '' } = useParams();
  const app = useQuery(appDetailQueries.bookmark(id));
  return (
    <AppPageFrame app={app}>
      {(data) => (
        <>
          <BookmarkAppSettingsForm key={data.id} app={data} />
          <AppIconCard appId={data.id} appName={data.name} icon={data.icon} type="bookmark" />
          <AppAssignmentsCard appId={data.id} appName={data.name} />
          <DeleteAppCard appId={data.id} appName={data.name} type="bookmark" />
        </>
      )}
    </AppPageFrame>
  );
}
