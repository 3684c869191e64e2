import { decodeFeedBytes } from '../../feed/read-feed-file.ts';
import { isRetryableStatus, parseHttpDate, parseRetryAfter, RetryableError, withRetry, describeRetry, type RetryOptions } from './retry.ts';

export interface FetchJsonOptions {
  fetch?: typeof fetch;
  /** Per attempt, covering both the headers and the whole body. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  log?: (msg: string) => void;
  /** Aborts every attempt when the whole run is out of time; an aborted run is not retried. */
  signal?: AbortSignal;
}

export interface JsonPage<T> {
  body: T;
  /** The server's clock when it answered (its Date header), if it sent a valid one. */
  serverDateMs: number | null;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * GET a JSON document, retrying what is likely to pass (429, 408, 5xx, network errors,
 * timeouts, and bodies that do not parse or that `parse` refuses: a truncated page is a
 * transport failure, not data). `parse` turns the JSON into T or throws with the reason.
 * Every attempt repeats exactly the same request, so paging resumes where it stood.
 */
export async function fetchJsonPage<T>(url: string, parse: (json: unknown) => T, options: FetchJsonOptions = {}): Promise<JsonPage<T>> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const label = `GET ${url}`;
  const log = options.log;
  return withRetry(
    label,
    async () => {
      if (options.signal?.aborted) throw new Error(`${label}: ${abortReason(options.signal)}`);
      let text: string;
      let res: Response;
      try {
        const perRequest = AbortSignal.timeout(timeoutMs);
        const signal = options.signal ? AbortSignal.any([perRequest, options.signal]) : perRequest;
        res = await doFetch(url, { signal, headers: { accept: 'application/json' } });
        if (!res.ok) {
          // Not read: the reason is in the status, and a misbehaving server's body can be large.
          await res.body?.cancel().catch(() => {});
          const failure = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
          if (isRetryableStatus(res.status)) throw new RetryableError(failure, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
          throw new Error(`${label}: ${failure} (not retried: the request itself was refused)`);
        }
        // Bytes, not res.text(): that would replace bytes that are not UTF-8 and store mojibake.
        const decoded = decodeFeedBytes(new Uint8Array(await res.arrayBuffer()));
        if (!decoded.ok) throw new Error(`${label}: body ${decoded.reason}`);
        text = decoded.value;
      } catch (e) {
        if (options.signal?.aborted) throw new Error(`${label}: ${abortReason(options.signal)}`);
        throw classifyTransportError(e, timeoutMs);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new RetryableError(`body is not valid JSON (${(e as Error).message}; ${text.length} characters received)`);
      }
      let body: T;
      try {
        body = parse(json);
      } catch (e) {
        throw new RetryableError((e as Error).message);
      }
      const date = res.headers.get('date');
      return { body, serverDateMs: date ? parseHttpDate(date) : null };
    },
    { ...options.retry, onRetry: log ? (ev) => log(describeRetry(label, ev)) : undefined },
  );
}

/** Our own errors pass through; what fetch throws becomes a retryable failure with a readable reason. */
function classifyTransportError(e: unknown, timeoutMs: number): Error {
  if (e instanceof RetryableError) return e;
  if (!(e instanceof Error)) return new RetryableError(`request failed: ${String(e)}`);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new RetryableError(`timed out after ${timeoutMs} ms`);
  if (e.name === 'TypeError') {
    // undici reports "fetch failed" / "terminated" and puts the socket-level reason in `cause`.
    const cause = e.cause as { code?: string; message?: string } | undefined;
    const detail = cause?.code ?? cause?.message;
    return new RetryableError(`network error: ${e.message}${detail ? ` (${detail})` : ''}`);
  }
  return e;
}

function abortReason(signal: AbortSignal): string {
  const r = signal.reason as unknown;
  return r instanceof Error && r.name !== 'AbortError' && r.name !== 'TimeoutError' ? r.message : 'the run was stopped';
}
