import { parentPort } from 'node:worker_threads';
import { readAndParseFeedFile } from '../feed-file.ts';
import { packItems } from './pack-items.ts';
import type { FeedFileRequest, FeedFileReply } from './feed-file-parser.ts';

// Reads, parses, validates and hashes feed files off the main thread, one request at a time
// in arrival order; the main thread is left with the database writes.
parentPort!.on('message', (req: FeedFileRequest) => {
  let reply: FeedFileReply;
  try {
    const parsed = readAndParseFeedFile(req.file, req.kind, true, req.root);
    reply = { id: req.id, page: packItems(parsed.items), file: parsed.file };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply, 'page' in reply ? [reply.page.bodies] : []);
});
// Modules are loaded: the main thread, which parses files itself until now, can hand them over.
parentPort!.postMessage({ ready: true });
