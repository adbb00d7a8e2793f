import { z } from 'zod';

/** The schema inside any default, prefault or optional around it. */
export function withoutDefaults(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

/**
 * The update of an object schema: every field optional and none defaulted, so that a change names
 * only what it changes. (`.partial()` keeps each field's default: an update naming one field would
 * silently reset every other one that has a default.)
 */
export function updateOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): ReturnType<z.ZodObject<T>['partial']> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, withoutDefaults(field as z.ZodType).optional()]));
  return z.object(shape) as unknown as ReturnType<z.ZodObject<T>['partial']>;
}
