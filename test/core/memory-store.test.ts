/** MemoryStore against the shared store suite that everywhere/testing exports for any Store. */
import { describe, it } from 'vitest';
import { MemoryStore } from 'everywhere';
import { testStore } from 'everywhere/testing';

testStore('MemoryStore', () => new MemoryStore(), { describe, it });
