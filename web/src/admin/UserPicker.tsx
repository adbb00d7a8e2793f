import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { adminQueries } from '../api/admin.ts';
import { personWithEmail } from '../lib/person-name.ts';

type Option = { value: string; label: string; disabled?: boolean };
type Props = {
  label: string;
  value: string | null;
  onChange: (userId: string | null) => void;
  placeholder?: string;
  /** Whom to offer: the organization's members (default), or people named in its audit log that way. */
  among?: 'members' | 'auditActors' | 'auditTargets';
  /** The group a member is picked for: its members are offered disabled, said to be in it already. */
  inGroup?: string;
};

/**
 * Picks one member of the organization by typing part of their e-mail or name, offered by both (two
 * people may share a name): the server searches (the users list API), so it finds anyone however
 * many members there are, not only a first page.
 */
export function UserPicker({ label, value, onChange, placeholder, among = 'members', inGroup }: Props) {
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
  // The same search among the group's members only: in the same order and as long, it holds every
  // match above who is in the group (none comes later among fewer people).
  const inIt = useQuery({ ...adminQueries.users(q, undefined, inGroup), placeholderData: (previous) => previous, enabled: among === 'members' && inGroup !== undefined });
  const already = new Set(inGroup ? (inIt.data?.items ?? []).map((u) => u.id) : []);
  const users = among === 'members' ? members : named;
  const found: Option[] =
    among === 'members'
      ? (members.data?.items ?? [])
          .filter((u) => u.status !== 'invited')
          .map((u) => (already.has(u.id) ? { value: u.id, label: t('adminGroups.alreadyMember', { person: personWithEmail(u) }), disabled: true } : { value: u.id, label: personWithEmail(u) }))
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
