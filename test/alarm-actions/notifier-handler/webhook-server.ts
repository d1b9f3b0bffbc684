// A real HTTP server on 127.0.0.1 (random port) that plays scripted answers to webhook POSTs and
// records what it received. Bounded: it stops itself after `lifetimeMs` even if a test forgets,
// and `stop()` drops connections that are still waiting (the "never answers" script).
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One scripted answer: a response, or `hang` (never answer). */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/** A request the server received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** Milliseconds since the server started. */
  readonly at: number;
}

export interface WebhookServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Requests received, in order. */
  readonly received: Received[];
  /** Requests received on one path. */
  on(path: string): Received[];
  /** The answers for a path, in order; the last one repeats. Unscripted paths answer 200 `ok`. */
  script(path: string, answers: Answer[]): void;
  stop(): Promise<void>;
}

export async function startWebhookServer(lifetimeMs = 30_000): Promise<WebhookServer> {
  const started = Date.now();
  const received: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf-8'), at: Date.now() - started });
      const answers = scripts.get(path) ?? [{ status: 200, body: 'ok' }];
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(selfStop);
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const selfStop = setTimeout(() => void stop(), lifetimeMs);
  selfStop.unref();

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    on: (path) => received.filter((r) => r.path === path),
    script: (path, answers) => scripts.set(path, [...answers]),
    stop,
  };
}
