import type { BookmarkApp } from '../../../../contract/apps.ts';
import { updateBookmarkAppInput } from '../../../../contract/apps.ts';

export type BookmarkFormValues = { name: string; url: string; description: string; details: string };

/** The contract's own schema: the form always names every field, so "nothing to change" never trips. */
export const bookmarkFormSchema = updateBookmarkAppInput;

export const bookmarkFormOf = (app: BookmarkApp): BookmarkFormValues => ({ name: app.name, url: app.url, description: app.description, details: app.details });
