/** Graph's error body: `{ error: { message, type, code, error_subcode, fbtrace_id } }` (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
let traces = 0;

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly options: { subcode?: number; type?: string } = {},
  ) {
    super(message);
  }

  response(): Response {
    const error: Record<string, unknown> = { message: this.message, type: this.options.type ?? 'OAuthException', code: this.code };
    if (this.options.subcode !== undefined) error.error_subcode = this.options.subcode;
    error.fbtrace_id = `AEmu${(++traces).toString(36).padStart(8, '0')}`;
    return Response.json({ error }, { status: this.status });
  }
}
