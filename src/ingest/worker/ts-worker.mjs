// Worker threads on Node 20 do not inherit the parent's `--import tsx` hooks, and tests
// start workers from inside Vitest: this plain-JS entry registers tsx itself, then loads
// the TypeScript module named in workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
