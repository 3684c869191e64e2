/**
 * The one way every command-line entry ends (DESIGN §9): whatever goes wrong is one line a
 * person can act on, on stderr, never a stack trace; exit 2 for bad usage, 1 for a failure
 * of the run itself. Errors from the layers below are recognised by their codes (SQLite,
 * the file system, URL parsing) and said in words that name the remedy.
 */

/** An error in how the command was called (bad flag, bad URL): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

interface Coded {
  code?: unknown;
  message?: unknown;
}

/** The exit code and the single line to print for an error. */
export function describeFailure(e: unknown, context: { dbPath?: string } = {}): { code: number; line: string } {
  const err = (typeof e === 'object' && e !== null ? e : {}) as Coded;
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : String(e);
  const db = context.dbPath ? ` (${context.dbPath})` : '';
  if (e instanceof UsageError) return { code: 2, line: message };
  if (code === 'ERR_INVALID_URL') return { code: 2, line: `not a valid URL: ${message.replace(/^Invalid URL:?\s*/i, '')}` };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full|disk full/i.test(message)) {
    return { code: 1, line: `disk full${db}: nothing was changed; free some space and run again` };
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /file is not a database|malformed/i.test(message)) {
    return { code: 1, line: `the database${db} is damaged or not a SQLite database (${message}); restore it (npm run nightly -- --rollback) or move it away and run again` };
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return { code: 1, line: `cannot open or write${db}: ${message}; check the path and its permissions` };
  }
  // Our own errors are already sentences; keep only their first line (usage text follows it).
  return { code: 1, line: message.split('\n')[0] ?? message };
}

/** Runs a command's main; prints one line and sets the exit code on any error. */
export async function runMain(main: () => Promise<number>, context: { dbPath?: string } = {}): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (e) {
    const { code, line } = describeFailure(e, context);
    console.error(`error: ${line}`);
    process.exitCode = code;
  }
}
