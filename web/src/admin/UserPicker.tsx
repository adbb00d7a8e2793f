import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { adminQueries } from '../api/admin.ts';

type Option = { value: string; label: string };
type Props = {
  label: string;
  value: string | null;
  onChange: (userId: string | null) => void;
  placeholder?: string;
  /** Whom to offer: the organization's members (default), or people named in its audit log that way. */
  among?: 'members' | 'auditActors' | 'auditTargets';
};

/**
 * Picks one member of the organization by typing part of their e-mail or name: the server searches
 * (the users list API), so it finds anyone however many members there are, not only a first page.
 */
export function UserPicker({ label, value, onChange, placeholder, among = 'members' }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<Option | null>(null);
  if (value === null && picked) {
    // Cleared from outside (the form was sent): forget the choice and what was typed for it.
    setPicked(null);
    setSearch('');
  }
  const members = useQuery({ ...adminQueries.users(q), placeholderData: (previous) => previous, enabled: among === 'members' });
  const named = useQuery({ ...adminQueries.auditPeople(among === 'auditTargets' ? 'target' : 'actor', q), placeholderData: (previous) => previous, enabled: among !== 'members' });
  const users = among === 'members' ? members : named;
  const found: Option[] =
    among === 'members'
      ? (members.data?.items ?? []).filter((u) => u.status !== 'invited').map((u) => ({ value: u.id, label: u.email }))
      : (named.data?.items ?? []).map((u) => ({ value: u.id, label: u.email }));
  // The chosen person stays an option (and keeps their label) whatever is typed next.
  const data = picked && value === picked.value && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setPicked(id ? option : null);
        onChange(id);
      }}
      nothingFoundMessage={users.isFetching ? t('common.loading') : t('lists.noMatch')}
    />
  );
}
