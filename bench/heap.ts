/** The heap after garbage collection, for the memory figures. Needs `node --expose-gc` (npm run bench sets it). */
export const MIB = 1024 * 1024;

export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
