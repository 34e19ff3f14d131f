/** Every credential the sandbox hands its channels (tokens, keys, secrets, passwords): the request log never shows them. */
import type { Sandbox } from '../testing/sandbox.js';

const SECRET_KEY = /token|secret|key|password/i;

export function sandboxSecrets(sandbox: Sandbox): string[] {
  const secrets = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string' && SECRET_KEY.test(key) && value.length >= 4) secrets.add(value);
    else if (value && typeof value === 'object') for (const [name, inner] of Object.entries(value)) walk(inner, name);
  };
  for (const [name, part] of Object.entries(sandbox)) {
    if (part && typeof part === 'object' && 'options' in part) walk((part as { options: unknown }).options, name);
  }
  return [...secrets];
}
