import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = {
  /** The infinite query of the list (TanStack Query's useInfiniteQuery result). */
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  shown: number;
};

/** Under a paged list: how many rows are shown, and a button for the next page while there is one. */
export function LoadMore({ query, shown }: Props) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Group justify="center" gap="sm">
      <Text size="sm" c="gray.7">{t('lists.shown', { count: shown })}</Text>
      <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {t('lists.loadMore')}
      </Button>
    </Group>
  );
}
