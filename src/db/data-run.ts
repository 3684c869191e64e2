/**
 * The last run the published data comes from: the latest successful analyze (or, before any,
 * the latest run). The nightly writes its build, check and nightly rows after the build, so
 * pages and the public database show runs up to this one only, and a rebuild of the published
 * database gives the published site byte for byte (DESIGN §10). One SQL expression, used by the
 * read layer (queries/site.ts) and by the public copy (public-copy.ts).
 */
export const DATA_RUN_ID_SQL = `(SELECT COALESCE(
  (SELECT MAX(id) FROM ingest_runs WHERE stage = 'analyze' AND status = 'ok'),
  (SELECT MAX(id) FROM ingest_runs), 0))`;
