/** Calls to the sandbox page's API, for the tests. */
export const getJson = async (base: string, path: string) => {
  const response = await fetch(new URL(path, base));
  return { status: response.status, body: (await response.json()) as any };
};

export const postJson = async (base: string, path: string, body: unknown) => {
  const response = await fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};

export interface PageEvent {
  type: string;
  data: any;
}

/** The page's server-sent events as they arrive, parsed, in `events`, until `close()`. */
export async function openEvents(base: string): Promise<{ events: PageEvent[]; contentType: string | null; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(new URL('/api/events', base), { signal: controller.signal });
  const events: PageEvent[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { events, contentType: response.headers.get('content-type'), close: () => controller.abort() };
}
