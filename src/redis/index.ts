/** everywhere/redis: the Store many processes share (ioredis, an optional peer dependency, loaded on first use). */
export { RedisStore } from './redis-store.js';
export type { RedisStoreOptions } from './redis-store.js';
