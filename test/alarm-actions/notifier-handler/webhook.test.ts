import { startWebhookServer, WebhookServer } from './webhook-server';
import { parseRetryAfter, postJson, PostOptions } from '../../../lib/alarm-actions/notifier-handler/webhook';

let server: WebhookServer;

beforeEach(async () => {
  server = await startWebhookServer();
});

afterEach(async () => {
  await server.stop();
});

/** Fast retries, deterministic jitter, a generous deadline. */
function options(overrides: Partial<PostOptions> = {}): PostOptions {
  return { timeoutMs: 2000, deadline: Date.now() + 10_000, baseDelayMs: 20, random: () => 0, ...overrides };
}

describe('postJson against a real HTTP server', () => {
  test('posts the body as JSON once on success', async () => {
    const result = await postJson(`${server.baseUrl}/ok`, { text: 'héllo' }, options());

    expect(result).toEqual({ ok: true, attempts: 1, status: 200, error: undefined });
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request.body)).toEqual({ text: 'héllo' });
  });

  test('accepts any 2xx (Teams Workflows answer 202)', async () => {
    server.script('/teams', [{ status: 202 }]);
    await expect(postJson(`${server.baseUrl}/teams`, {}, options())).resolves.toMatchObject({ ok: true, status: 202 });
  });

  test('retries a 500, then succeeds', async () => {
    server.script('/flaky', [{ status: 500, body: 'boom' }, { status: 200, body: 'ok' }]);

    const result = await postJson(`${server.baseUrl}/flaky`, { n: 1 }, options());

    expect(result).toMatchObject({ ok: true, attempts: 2, status: 200 });
    expect(server.on('/flaky')).toHaveLength(2);
    expect(server.on('/flaky')[1].body).toBe(server.on('/flaky')[0].body);
  });

  test('gives up after 3 attempts on a persistent 503, with exponential backoff', async () => {
    server.script('/down', [{ status: 503, body: 'Service Unavailable\n  try later' }]);

    const result = await postJson(`${server.baseUrl}/down`, {}, options({ baseDelayMs: 50 }));

    expect(result).toEqual({ ok: false, attempts: 3, status: 503, error: 'HTTP 503: Service Unavailable try later' });
    const times = server.on('/down').map((r) => r.at);
    expect(times).toHaveLength(3);
    // Backoff 50 ms, then 100 ms (jitter 0).
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(45);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(95);
  });

  test('honours Retry-After on 429', async () => {
    server.script('/limited', [{ status: 429, body: 'rate_limited', headers: { 'retry-after': '1' } }, { status: 200 }]);

    const result = await postJson(`${server.baseUrl}/limited`, {}, options({ baseDelayMs: 1 }));

    expect(result).toMatchObject({ ok: true, attempts: 2 });
    const [first, second] = server.on('/limited');
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  test('does not wait for a Retry-After beyond the deadline', async () => {
    server.script('/later', [{ status: 429, headers: { 'retry-after': '60' } }]);
    const started = Date.now();

    const result = await postJson(`${server.baseUrl}/later`, {}, options({ deadline: Date.now() + 3000 }));

    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
    expect(result.error).toMatch(/^HTTP 429; not retried: the next attempt \(in 60000 ms\) would start past the time budget$/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('aborts an attempt that gets no answer after the timeout, and retries it', async () => {
    server.script('/silent', ['hang']);
    const started = Date.now();

    const result = await postJson(`${server.baseUrl}/silent`, {}, options({ timeoutMs: 200 }));

    expect(result).toEqual({ ok: false, attempts: 3, status: undefined, error: 'timed out after 200 ms' });
    expect(server.on('/silent')).toHaveLength(3);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(3 * 190);
    expect(elapsed).toBeLessThan(3000);
  });

  test('never runs past the deadline', async () => {
    server.script('/silent', ['hang']);
    const started = Date.now();

    const result = await postJson(`${server.baseUrl}/silent`, {}, options({ timeoutMs: 5000, deadline: Date.now() + 300 }));

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^timed out after \d+ ms/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('does not retry a 400 (Slack invalid_payload) and keeps the start of the body', async () => {
    server.script('/bad', [{ status: 400, body: 'invalid_payload' }]);

    const result = await postJson(`${server.baseUrl}/bad`, {}, options());

    expect(result).toEqual({ ok: false, attempts: 1, status: 400, error: 'HTTP 400: invalid_payload' });
  });

  test('does not follow a redirect', async () => {
    server.script('/moved', [{ status: 302, headers: { location: `${server.baseUrl}/elsewhere` } }]);

    const result = await postJson(`${server.baseUrl}/moved`, {}, options());

    expect(result).toMatchObject({ ok: false, attempts: 1, status: 302 });
    expect(server.on('/elsewhere')).toHaveLength(0);
  });

  test('retries a refused connection and reports it without the URL', async () => {
    const url = `${server.baseUrl}/secret-path-T000/B000/XXXX`;
    await server.stop();

    const result = await postJson(url, {}, options());

    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(3);
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(result.error).not.toContain('secret-path');
    expect(result.error).not.toContain('127.0.0.1:');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-14T09:00:00Z');
  test.each([
    [null, undefined],
    ['', undefined],
    ['3', 3000],
    [' 0 ', 0],
    ['Tue, 14 May 2024 09:00:10 GMT', 10_000],
    ['Tue, 14 May 2024 08:59:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
  ])('%j -> %j', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
