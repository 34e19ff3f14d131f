/**
 * One signal that aborts when any of several does, with that one's reason, and a `dispose` that
 * removes its listeners (the channel's close signal lives as long as the channel: a wait must not
 * leave a listener on it). AbortSignal.any does the first half, but Node 20.0–20.2 lack it.
 */
export function linkSignals(...signals: Array<AbortSignal | undefined>): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  const dispose = () => present.forEach((signal) => signal.removeEventListener('abort', onAbort));
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      dispose();
      break;
    }
    signal.addEventListener('abort', onAbort, { once: true });
  }
  return { signal: controller.signal, dispose };
}
