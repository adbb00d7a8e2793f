import { z } from 'zod';
import { employmentInput, personalInput, profileDetailsInput, type ProfileSection } from '../../../../contract/profile.ts';

const SCHEMAS = { details: profileDetailsInput, personal: personalInput, employment: employmentInput };

/** The most characters a profile field takes, as the contract the server checks says; undefined where it sets none. */
export function profileFieldMaxLength(section: ProfileSection, name: string): number | undefined {
  const shape: Record<string, z.ZodType> = SCHEMAS[section].shape;
  const field = shape[name] instanceof z.ZodDefault ? shape[name].unwrap() : shape[name];
  return field instanceof z.ZodString ? (field.maxLength ?? undefined) : undefined;
}
