/** Google's error body (https://developers.google.com/youtube/v3/docs/errors): `{ error: { code, message, errors: [{ domain, reason, message }] } }`. */
export function googleError(status: number, reason: string, message: string, domain = 'youtube.api'): Response {
  return Response.json({ error: { code: status, message, errors: [{ message, domain, reason }] } }, { status });
}
