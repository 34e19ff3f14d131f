/**
 * A Graph call's parameters as Graph reads them: the query string, then the body's (form or JSON)
 * on top (https://developers.facebook.com/docs/graph-api/overview: parameters go in the query or the body).
 */
import { parseJson } from '../../core/json.js';
import type { RouteContext } from '../emulator.js';
import { GraphError } from './meta-graph-error.js';

/** Query parameters, then the body's (form or JSON) on top, as Graph merges them. */
export function readParams(request: Request, context: RouteContext): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  context.url.searchParams.forEach((value, key) => (params[key] = value));
  if (!context.body) return params;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const json = parseJson(context.body);
    if (json === undefined) throw new GraphError(400, 100, '(#100) The request body is not valid JSON');
    if (json && typeof json === 'object') Object.assign(params, json);
  } else {
    new URLSearchParams(context.body).forEach((value, key) => (params[key] = value));
  }
  return params;
}

/** A file of a multipart body, as the emulator keeps it. */
export interface UploadedFile {
  name: string;
  type: string;
  size: number;
}

/** A multipart/form-data body's fields (text) and files, on top of the query parameters. */
export async function readMultipartParams(request: Request, context: RouteContext): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  context.url.searchParams.forEach((value, key) => (params[key] = value));
  let form: FormData;
  try {
    form = await new Response(context.body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new GraphError(400, 100, '(#100) The multipart body could not be read');
  }
  for (const [key, value] of form) {
    params[key] = typeof value === 'string' ? value : ({ name: value.name, type: value.type, size: value.size } satisfies UploadedFile);
  }
  return params;
}
