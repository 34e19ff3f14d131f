/**
 * Graph API versions as https://developers.facebook.com/docs/graph-api/changelog/versions lists them
 * (release date, and the date until which each is available), and how Graph answers a version:
 * an unknown one is refused (400, code 2500 "Unknown path components"); one past its date is answered
 * by the oldest available version ("calls made to it will be defaulted to the next oldest usable version",
 * https://developers.facebook.com/docs/graph-api/guides/versioning), which the `facebook-api-version`
 * header names on every answer.
 */
import { GraphError } from './meta-graph-error.js';

const VERSIONS: ReadonlyArray<readonly [version: string, availableUntil: string | undefined]> = [
  ['v26.0', undefined],
  ['v25.0', '2028-07-29'],
  ['v24.0', '2028-02-18'],
  ['v23.0', '2027-10-08'],
  ['v22.0', '2027-05-20'],
  ['v21.0', '2027-01-21'],
  ['v20.0', '2026-09-24'],
  ['v19.0', '2026-05-21'],
  ['v18.0', '2026-01-26'],
  ['v17.0', '2025-09-12'],
  ['v16.0', '2025-05-14'],
  ['v15.0', '2024-11-20'],
  ['v14.0', '2024-09-17'],
  ['v13.0', '2024-05-28'],
];

/** The version that answers a call made with `asked` at `now`; a GraphError for a version Graph never had. */
export function answeringVersion(asked: string, now = Date.now()): string {
  const known = VERSIONS.find(([version]) => version === asked);
  if (!known) throw new GraphError(400, 2500, `Unknown path components: /${asked}`, { type: 'OAuthException' });
  const available = (until: string | undefined) => until === undefined || now < Date.parse(`${until}T00:00:00Z`);
  if (available(known[1])) return asked;
  return [...VERSIONS].reverse().find(([, until]) => available(until))![0];
}
