/**
 * The Graph API version every call names, and where Graph is. Graph answers under
 * `https://graph.facebook.com/{version}/...`; a version is supported for at least two years after the
 * next one comes out (https://developers.facebook.com/docs/graph-api/changelog).
 */
import * as z from 'zod/mini';

// https://developers.facebook.com/docs/graph-api/changelog: v21.0 is a current version (2-year support window).
export const DEFAULT_GRAPH_VERSION = 'v21.0';

export const GRAPH_ORIGIN = 'https://graph.facebook.com';

/** An `apiVersion` option: `v` and two numbers, as Graph writes its versions. */
export const graphVersionSchema = z.string().check(z.regex(/^v\d+\.\d+$/));

/** The base URL of every call: the origin (Graph, a proxy or the sandbox) with the version. */
export function graphBaseUrl(origin: string, version: string): string {
  return `${origin.replace(/\/+$/, '')}/${version}`;
}
