import { runStoreConformance } from '@aftersale/testkit/vitest';
import { createMemoryStore, type MemoryStore } from '../src/index.js';

// A memory store is its own database: every open of the suite reaches the same one.
let shared: MemoryStore | undefined;
runStoreConformance('memory', ({ now }) => (shared ??= createMemoryStore({ now })), {
  capabilities: [],
  findText: (store, needles) => (store as MemoryStore).findText(needles),
});
