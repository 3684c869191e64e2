// One hashing thread of the versions step (content-versions.ts): the read layer opens SUNSHINE_DB
// in this thread, then the worker asks for a run of pages, hashes it and asks again, until the
// step has none left. Asking rather than taking a fixed share keeps a thread that gets less CPU
// (the low-priority one, see there) from holding the step up.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { hashPages, type PageKind } from '../db/queries/page-inputs.ts';

export type VersionsTask = { kind: PageKind; ids: string[] } | null;
export type VersionsReply = { kind: PageKind; hashes: [string, string][] } | { ready: true };

const { lowPriority } = workerData as { lowPriority: boolean };
// On Linux a thread's priority is its own (setpriority of "process" 0 is the calling thread).
if (lowPriority && process.platform === 'linux') os.setPriority(19);

parentPort!.on('message', (task: VersionsTask) => {
  if (task === null) {
    parentPort!.close();
    return;
  }
  const reply: VersionsReply = { kind: task.kind, hashes: [...hashPages(task.kind, task.ids)] };
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true } satisfies VersionsReply);
