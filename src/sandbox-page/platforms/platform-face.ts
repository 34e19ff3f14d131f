/**
 * One platform as the page sees it: how to read its emulator into rows, how a customer writes on it,
 * and the faults it knows. Each uses the emulator's public methods only (the emulators change often).
 */
import type { Emulator, Fault } from '../../testing/emulator.js';
import type { Sandbox } from '../../testing/sandbox.js';
import type { ActionResult, CustomerAction, CustomerKind } from '../customer-action.js';
import type { SandboxRow } from '../row.js';

export interface PlatformFace {
  platform: string;
  label: string;
  kinds: readonly CustomerKind[];
  emulator(sandbox: Sandbox): Emulator;
  view(sandbox: Sandbox): SandboxRow[];
  act(sandbox: Sandbox, action: CustomerAction): ActionResult;
  /** The platform's answer to a write that was carried out but not confirmed (the conformance worlds' bodies). */
  writeFailure: Pick<Fault, 'status' | 'body' | 'match'>;
  /** The platform's 429, with its limit headers when it sends them. */
  rateLimited(resetAt: number): Pick<Fault, 'status' | 'body' | 'headers'>;
  /** Expire the bot's access token, or say why this emulator cannot. */
  expireToken(sandbox: Sandbox): string | undefined;
}

/** A stable number from a name: the same customer keeps the same id on platforms with numeric ids. */
export function numericId(name: string, digits: number): string {
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0;
  return String(hash).padStart(digits, '7').slice(-digits).replace(/^0/, '7');
}

/** A handle a platform accepts (letters, digits, underscores), from a customer's name. */
export function handleOf(name: string, max = 15): string {
  const handle = name.normalize('NFKD').replace(/[^A-Za-z0-9_]/g, '_').slice(0, max);
  return /[A-Za-z0-9]/.test(handle) ? handle : `customer_${numericId(name, 4)}`;
}

export const parseTime = (value: string | number | undefined): number => (typeof value === 'number' ? value : value ? Date.parse(value) : 0);
