import { buildWebIfStale } from '../../server/src/cli/build-web.ts';

/** The journeys drive the built pages, exactly as `npm start` serves them. */
export default async function setup(): Promise<void> {
  await buildWebIfStale();
}
