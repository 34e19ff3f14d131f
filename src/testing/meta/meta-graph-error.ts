/**
 * Graph's error body: `{ error: { message, type, code, error_subcode, is_transient, fbtrace_id } }`
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling). Some answers carry only
 * `code` and `message` (the "reduce the amount of data" code 1, as recorded in
 * macbre/farerskie-kadry-feed#10): `bare` leaves the rest out.
 */
let traces = 0;

export interface GraphErrorOptions {
  subcode?: number;
  type?: string;
  /** Graph's `is_transient`: true when the same call may succeed later. */
  isTransient?: boolean;
  /** Only `code` and `message`. */
  bare?: boolean;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly options: GraphErrorOptions = {},
  ) {
    super(message);
  }

  response(): Response {
    if (this.options.bare) return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status });
    const error: Record<string, unknown> = { message: this.message, type: this.options.type ?? 'OAuthException', code: this.code };
    if (this.options.subcode !== undefined) error.error_subcode = this.options.subcode;
    if (this.options.isTransient !== undefined) error.is_transient = this.options.isTransient;
    error.fbtrace_id = `AEmu${(++traces).toString(36).padStart(8, '0')}`;
    return Response.json({ error }, { status: this.status });
  }
}
