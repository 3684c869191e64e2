// A nightly run in its own process with the fake build, for tests that kill it or race two of
// them. Config as JSON in argv[2]; exits like scripts/nightly.ts (0 published, 1 failed, 75 busy).
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { feedHttpSource } from '../../src/ingest/feed/feed-http.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { runNightly } from '../../src/publish/nightly.ts';
import { fakeBuild } from './nightly-helpers.ts';

const cfg = JSON.parse(process.argv[2] ?? '{}') as {
  dbPath: string; distPath: string; buildsDir: string; feed: string; delayMs?: number; startedMarker?: string; crashAt?: string;
};
const report = await runNightly({
  dbPath: cfg.dbPath,
  distPath: cfg.distPath,
  buildsDir: cfg.buildsDir,
  projectRoot: process.cwd(),
  ingest: (staging) =>
    runIngest({
      dbPath: staging,
      sources: [cfg.feed.startsWith('http') ? feedHttpSource(cfg.feed, { retry: { attempts: 2, baseDelayMs: 1 } }) : feedDirSource(cfg.feed, 'feed:test')],
      categoriesFile: '/nonexistent',
    }),
  build: fakeBuild({ delayMs: cfg.delayMs, startedMarker: cfg.startedMarker }),
  // A crash at one step of publishing: the process ends there, as under kill -9 or a power cut.
  crashPoint: (step) => {
    if (step === cfg.crashAt) process.exit(9);
  },
});
console.log(JSON.stringify({ status: report.status, stage: report.stage, error: report.error }));
process.exitCode = report.status === 'published' ? 0 : report.status === 'busy' ? 75 : 1;
