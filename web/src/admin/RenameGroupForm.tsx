import { useState } from 'react';
import { Button, Group as Row, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { adminApi, type Group } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { serverErrorAfterEdit } from '../forms/server-fields.ts';
import { useSingleSubmit } from '../forms/use-single-submit.ts';
import { groupNameError } from './group-name-error.ts';

type Props = { group: Group; onRenamed(): Promise<void>; onClose(): void };

/** A group's new name, in its card: a refused one is said at the field, with the same limits as a new group's. */
export function RenameGroupForm({ group, onRenamed, onClose }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(group.name);
  const [error, setError] = useState<unknown>();
  const submit = useSingleSubmit();
  function rename(e: React.FormEvent) {
    e.preventDefault();
    void submit.run(async () => {
      try {
        await adminApi.renameGroup(group.id, name);
        await onRenamed();
        onClose();
      } catch (err) {
        setError(err);
      }
    });
  }
  return (
    <Stack gap="xs" component="form" onSubmit={rename} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <ErrorAlert error={error} />
      <Row align="end" gap="xs">
        <TextInput
          label={t('adminGroups.newName')}
          required
          maxLength={100}
          autoFocus
          error={groupNameError(error, t)}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(serverErrorAfterEdit(error, 'name'));
          }}
          style={{ flex: '1 1 12rem' }}
        />
        <Button type="submit" loading={submit.pending}>{t('common.save')}</Button>
        <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
      </Row>
    </Stack>
  );
}
