// One part of the versions step's hashing (content-versions.ts runs one per core): the read
// layer opens SUNSHINE_DB in this thread, hashes every `of`-th page of each kind from `index`
// and posts kind → id → hash back.
import { parentPort, workerData } from 'node:worker_threads';
import { pageInputHashes } from '../db/queries/page-inputs.ts';

const part = workerData as { index: number; of: number };
parentPort!.postMessage(pageInputHashes(part));
