import type { BookmarkApp } from '../../../../contract/apps.ts';
import { updateBookmarkAppInput } from '../../../../contract/apps.ts';
import type { UpdateBookmarkAppInput } from '../../api/bookmark-apps.ts';

export type BookmarkFormValues = { name: string; url: string; description: string; details: string; icon: string | null };

/** The contract's own schema: the form always names every field, so "nothing to change" never trips. */
export const bookmarkFormSchema = updateBookmarkAppInput;

export const bookmarkFormOf = (app: BookmarkApp): BookmarkFormValues => ({ name: app.name, url: app.url, description: app.description, details: app.details, icon: app.icon });

/** The icon travels only when it changed (a new image or null to remove it): it can be most of the body. */
export function bookmarkUpdateBody(values: BookmarkFormValues, iconChanged: boolean): UpdateBookmarkAppInput {
  const { icon, ...rest } = values;
  return iconChanged ? { ...rest, icon } : rest;
}
