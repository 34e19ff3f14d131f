/**
 * A webhook handler loaded by its first request. Few bots take webhooks, so what reads a delivery (the
 * signature check, the envelope and event schemas, their normalization) is loaded with a dynamic `import()`:
 * a chunk of its own in a browser bundle, not part of every Facebook and Instagram bundle. The first
 * request waits for the load; requests that come meanwhile wait for the same load; a load that fails
 * fails the requests that waited for it (Meta delivers again what is not answered 200) and is tried
 * again by the next request.
 */
export type WebhookHandler = (request: Request) => Promise<Response>;

export function lazyWebhook(load: () => Promise<WebhookHandler>): WebhookHandler {
  let loading: Promise<WebhookHandler> | undefined;
  return async (request) => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return (await loading)(request);
  };
}
