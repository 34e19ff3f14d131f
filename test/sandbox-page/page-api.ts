/** Calls to the sandbox page's API, for the tests. */
export const getJson = async (base: string, path: string) => {
  const response = await fetch(new URL(path, base));
  return { status: response.status, body: (await response.json()) as any };
};

export const postJson = async (base: string, path: string, body: unknown) => {
  const response = await fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
};
