/**
 * The Graph API version every call names, and where Graph is. Graph answers under
 * `https://graph.facebook.com/{version}/...`; a version is supported for at least two years after the
 * next one comes out (https://developers.facebook.com/docs/graph-api/changelog).
 */
import { matching } from '../core/options.js';

// The latest version (v26.0, introduced 2026-07-29, the changelog's "latest Graph API version"): the default of Facebook and Instagram.
export const LATEST_GRAPH_VERSION = 'v26.0';

export const GRAPH_ORIGIN = 'https://graph.facebook.com';

/** An `apiVersion` option: `v` and two numbers, as Graph writes its versions. */
export const graphVersionSchema = matching(/^v\d+\.\d+$/);

/** The base URL of every call: the origin (Graph, a proxy or the sandbox) with the version. */
export function graphBaseUrl(origin: string, version: string): string {
  return `${origin.replace(/\/+$/, '')}/${version}`;
}
