import { setTimeout as delay } from 'node:timers/promises';
import pRetry from 'p-retry';

/**
 * Retrying a flaky request: exponential backoff with jitter, Retry-After honoured (capped), a
 * fixed number of attempts. The attempt loop is p-retry's; what it cannot express is ours and
 * pure (status classification, Retry-After and HTTP-date parsing, the delay schedule), so the
 * server's Retry-After can replace the backoff and tests can record delays instead of sleeping.
 */

export interface RetryOptions {
  /** Tries in all, the first included. Default 6. */
  attempts?: number;
  /** Upper bound of the delay before the first retry; doubles per retry. Default 1000 ms. */
  baseDelayMs?: number;
  /** No backoff delay exceeds this. Default 30 s. */
  maxDelayMs?: number;
  /** A server asking for a longer pause than this gets this instead. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1); injectable so that tests are deterministic. */
  random?: () => number;
  /** How to wait; injectable so that tests can record delays instead of sleeping them. */
  sleep?: (ms: number) => Promise<void>;
}

export const RETRY_DEFAULTS = {
  attempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
} as const;

/** A failure worth another try; `retryAfterMs` is the server's own request, if it made one. */
export class RetryableError extends Error {
  readonly retryAfterMs: number | null;
  constructor(message: string, retryAfterMs: number | null = null) {
    super(message);
    this.retryAfterMs = retryAfterMs;
    this.name = 'RetryableError';
  }
}

/** Thrown when every attempt failed; the message names what was tried, how often, and the last failure. */
export class RetriesExhaustedError extends Error {
  readonly label: string;
  readonly attempts: number;
  readonly lastError: Error;
  constructor(label: string, attempts: number, lastError: Error) {
    super(`${label}: failed after ${attempts} attempt${attempts === 1 ? '' : 's'}; last failure: ${lastError.message}`);
    this.label = label;
    this.attempts = attempts;
    this.lastError = lastError;
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * 408 and 429 say "not now"; 5xx says the server is in trouble, which is usually passing.
 * Every other 4xx means our request is wrong, and asking again would not change the answer.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// RFC 9110 §5.6.7: recipients must accept IMF-fixdate and the two obsolete forms, and nothing
// else. Date.parse is not used because it accepts almost anything ("x 1" is a date to V8).
const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850_DATE = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** Milliseconds since the epoch of an HTTP-date, or null if it is not one. */
export function parseHttpDate(value: string): number | null {
  const s = value.trim();
  let day: string, mon: string, year: number, hh: string, mm: string, ss: string;
  let m: RegExpExecArray | null;
  if ((m = IMF_FIXDATE.exec(s))) {
    [, day = '', mon = '', , hh = '', mm = '', ss = ''] = m;
    year = Number(m[3]);
  } else if ((m = RFC850_DATE.exec(s))) {
    [, day = '', mon = '', , hh = '', mm = '', ss = ''] = m;
    // RFC 9110: a two-digit year more than 50 years in the future belongs to the last century.
    const yy = Number(m[3]);
    const thisYear = new Date().getUTCFullYear();
    year = 2000 + yy > thisYear + 50 ? 1900 + yy : 2000 + yy;
  } else if ((m = ASCTIME_DATE.exec(s))) {
    [, mon = '', day = '', hh = '', mm = '', ss = ''] = m;
    year = Number(m[6]);
  } else {
    return null;
  }
  const month = MONTHS.indexOf(mon.toLowerCase());
  const d = Number(day.trim()), h = Number(hh), mi = Number(mm), se = Number(ss);
  if (month < 0 || d < 1 || h > 23 || mi > 59 || se > 60) return null;
  const ms = Date.UTC(year, month, d, h, mi, Math.min(se, 59));
  // Date.UTC rolls 31 Feb over into March; an impossible day is not a date.
  if (new Date(ms).getUTCDate() !== d) return null;
  return ms;
}

/**
 * How long the server asks us to wait, in ms: delay-seconds or an HTTP-date (a date in the
 * past means "now"). Anything else, including negative or fractional seconds, is ignored (null),
 * and the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const s = value.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = parseHttpDate(s);
  return at === null ? null : Math.max(0, at - nowMs);
}

/**
 * Delay before retry number `retry` (1 = the first retry): the ceiling doubles from
 * `baseDelayMs` up to `maxDelayMs`, and the delay is drawn from the upper half of it, so that
 * clients that failed together do not come back together, yet every retry still waits.
 */
export function backoffDelay(
  retry: number,
  opts: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** The pause before the next try: the server's Retry-After when it gave one (capped), else backoff. */
export function retryDelay(retry: number, error: RetryableError, opts: Required<Omit<RetryOptions, 'sleep'>>): number {
  if (error.retryAfterMs !== null) return Math.min(error.retryAfterMs, opts.maxRetryAfterMs);
  return backoffDelay(retry, opts, opts.random);
}

export interface RetryEvent {
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  attempts: number;
  delayMs: number;
  error: RetryableError;
}

/** "GET …: HTTP 429, retrying in 1.0 s (attempt 2/6)" */
export function describeRetry(label: string, e: RetryEvent): string {
  return `${label}: ${e.error.message}, retrying in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}/${e.attempts})`;
}

/**
 * Runs `task` until it succeeds, throws something other than a RetryableError (returned to the
 * caller at once), or has been tried `attempts` times (RetriesExhaustedError). `label` names
 * the operation in log lines and errors, e.g. "GET http://host/orders?cursor=3".
 */
export async function withRetry<T>(
  label: string,
  task: (attempt: number) => Promise<T>,
  options: RetryOptions & { onRetry?: (event: RetryEvent) => void } = {},
): Promise<T> {
  const opts = {
    attempts: options.attempts ?? RETRY_DEFAULTS.attempts,
    baseDelayMs: options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs,
    random: options.random ?? Math.random,
  };
  if (!Number.isInteger(opts.attempts) || opts.attempts < 1) throw new RangeError(`retry attempts must be a whole number ≥ 1, got ${opts.attempts}`);
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let attempts = 0;
  try {
    return await pRetry(
      (attempt) => {
        attempts = attempt;
        return task(attempt);
      },
      {
        retries: opts.attempts - 1,
        // p-retry's own backoff cannot yield to a server's Retry-After: it waits 0 ms and the
        // pause is taken in onFailedAttempt, from retryDelay.
        minTimeout: 0,
        maxTimeout: 0,
        shouldRetry: ({ error }) => error instanceof RetryableError,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (!(error instanceof RetryableError) || retriesLeft === 0) return;
          const delayMs = retryDelay(attemptNumber, error, opts);
          options.onRetry?.({ attempt: attemptNumber + 1, attempts: opts.attempts, delayMs, error });
          await sleep(delayMs);
        },
      },
    );
  } catch (e) {
    if (e instanceof RetryableError) throw new RetriesExhaustedError(label, attempts, e);
    throw e;
  }
}
