import fs from 'node:fs';
import path from 'node:path';
import { publishedBuild, publishSite } from './site.ts';
import { fsyncDir, swapInStaging } from './staging-db.ts';

/**
 * Publishing is two atomic renames (the site link, then the database file) with nothing atomic
 * about the pair. A crash between them would leave a new site over an old database. So the
 * publish writes this journal first, when both halves are ready and checked, and removes it
 * when both are done; the next run (under the lock, before anything else) finds a journal and
 * completes the publish it describes — both halves were fit to publish — and removes the
 * temporary links a crash can leave beside the published path.
 */
export interface PublishJournal {
  run_id: string;
  build: string;
  staging: string;
  db: string;
  dist: string;
  builds: string;
}

export const journalPathFor = (dbPath: string) => `${dbPath}.publish-journal.json`;

export function writeJournal(j: PublishJournal): void {
  const file = journalPathFor(j.db);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(j, null, 2)}\n`);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export function clearJournal(dbPath: string): void {
  fs.rmSync(journalPathFor(dbPath), { force: true });
  fsyncDir(path.dirname(dbPath));
}

/** Finishes an interrupted publish, if there is one; returns what it did, for the log. */
export function recoverPublish(dbPath: string, distPath: string): string[] {
  const done: string[] = [];
  const file = journalPathFor(dbPath);
  fs.rmSync(`${file}.tmp`, { force: true });
  if (fs.existsSync(file)) {
    const j = JSON.parse(fs.readFileSync(file, 'utf8')) as PublishJournal;
    if (publishedBuild(j.dist) !== fs.realpathSync(j.build)) {
      publishSite(j.build, j.dist, j.builds, `${j.run_id}-recover`);
      done.push(`published ${j.build} (the interrupted run ${j.run_id})`);
    }
    if (fs.existsSync(j.staging)) {
      swapInStaging(j.staging, j.db);
      done.push(`installed its database ${j.db}`);
    }
    clearJournal(dbPath);
  }
  const parent = path.dirname(distPath);
  const prefix = `.${path.basename(distPath)}.publish-`;
  if (fs.existsSync(parent)) {
    for (const f of fs.readdirSync(parent)) {
      if (!f.startsWith(prefix)) continue;
      fs.rmSync(path.join(parent, f), { force: true });
      done.push(`removed the temporary link ${f}`);
    }
  }
  return done;
}
