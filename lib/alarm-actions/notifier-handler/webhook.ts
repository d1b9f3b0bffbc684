// POSTs JSON to a webhook with the global fetch: a timeout per attempt, at most `maxAttempts`
// attempts, retrying 429, 5xx, network errors and timeouts with exponential backoff and jitter,
// honouring Retry-After, and never past a deadline. Never throws; never reveals the URL (a credential).

/** How to post. */
export interface PostOptions {
  /** Timeout of one attempt, in milliseconds. */
  readonly timeoutMs: number;
  /** No attempt starts, and no attempt runs, past this time (epoch milliseconds). */
  readonly deadline: number;
  /** @default 3 */
  readonly maxAttempts?: number;
  /** The first retry waits about this long; each further one twice as long. @default 500 */
  readonly baseDelayMs?: number;
  /** The longest backoff between attempts, unless Retry-After asks for more. @default 4000 */
  readonly maxDelayMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default Math.random */
  readonly random?: () => number;
}

/** What came of a post. */
export interface PostResult {
  readonly ok: boolean;
  readonly attempts: number;
  /** The HTTP status of the last response, if any. */
  readonly status?: number;
  /** Why it failed (last attempt), without the URL. */
  readonly error?: string;
}

/** The longest part of a response body kept in an error. */
const MAX_ERROR_BODY = 200;

/** POSTs `body` as JSON to `url`. */
export async function postJson(url: string, body: unknown, options: PostOptions): Promise<PostResult> {
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 3;
  const payload = JSON.stringify(body);
  let last: PostResult = { ok: false, attempts: 0, error: 'no time left to post' };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = options.deadline - now();
    if (remaining <= 0) {
      return { ...last, error: `${last.error}; no time left for attempt ${attempt}` };
    }
    const outcome = await attemptPost(url, payload, Math.min(options.timeoutMs, remaining));
    last = { ok: outcome.ok, attempts: attempt, status: outcome.status, error: outcome.error };
    if (outcome.ok || !outcome.retryable || attempt === maxAttempts) {
      return last;
    }
    const backoff = Math.min(
      options.maxDelayMs ?? 4000,
      (options.baseDelayMs ?? 500) * 2 ** (attempt - 1) * (1 + (options.random ?? Math.random)()),
    );
    const delay = outcome.retryAfterMs ?? backoff;
    if (now() + delay >= options.deadline) {
      return { ...last, error: `${last.error}; not retried: the next attempt (in ${Math.round(delay)} ms) would start past the time budget` };
    }
    await sleep(delay);
  }
  return last;
}

interface AttemptOutcome {
  readonly ok: boolean;
  readonly retryable: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly retryAfterMs?: number;
}

async function attemptPost(url: string, payload: string, timeoutMs: number): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: payload,
      // A redirect would send the message to another host: report it instead of following it.
      redirect: 'manual',
      signal: controller.signal,
    });
    // Read the body (bounded by the same timeout) so that the connection is released.
    const text = await response.text();
    if (response.ok) {
      return { ok: true, retryable: false, status: response.status };
    }
    const retryable = response.status === 429 || response.status >= 500;
    return {
      ok: false,
      retryable,
      status: response.status,
      error: `HTTP ${response.status}${text.trim() ? `: ${oneLine(text).slice(0, MAX_ERROR_BODY)}` : ''}`,
      retryAfterMs: retryable ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
    };
  } catch (e) {
    if (controller.signal.aborted) {
      return { ok: false, retryable: true, error: `timed out after ${timeoutMs} ms` };
    }
    return { ok: false, retryable: true, error: networkError(e) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A Retry-After header in milliseconds: delay-seconds or an HTTP date (RFC 9110, section 10.2.3).
 * Undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) {
    return undefined;
  }
  if (/^\d+$/.test(v)) {
    return Number(v) * 1000;
  }
  if (!/[a-z]/i.test(v)) {
    return undefined;
  }
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `fetch failed (ECONNREFUSED)`: the error and its cause's code, never the URL. */
function networkError(e: unknown): string {
  // Duck-typed: fetch's errors may come from another realm (instanceof Error is false there).
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as { message?: unknown; cause?: { code?: unknown; name?: unknown } };
  const cause = typeof err.cause === 'object' && err.cause !== null ? err.cause : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : typeof cause?.name === 'string' ? cause.name : undefined;
  // undici's messages do not include the URL; strip anything URL-like anyway.
  const message = oneLine(String(err.message ?? 'network error')).replace(/\bhttps?:\/\/\S+/g, '<url>').slice(0, MAX_ERROR_BODY);
  return code ? `${message} (${code})` : message;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
