/**
 * A pool of worker threads over the files of a replay: each worker reads whole files (worker.ts)
 * and keeps its own tally; the tallies are merged at the end. Merging is order-independent
 * (stats.ts), so the report is the same whatever the number of workers and the scheduling.
 *
 * Internal module of the replay tool: not public API.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ReadLimits } from './decode';
import { FileOutcome, TallyData } from './file-replayer';
import { FromWorker, ToWorker, WorkerInput } from './worker';

/** Files sent ahead to each worker, so that it never waits for the main thread. */
const IN_FLIGHT = 2;

/** Why a pool failed: a worker stopped (a bug). */
export class PoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolError';
  }
}

/**
 * The worker script: out/replay/worker.js once compiled (the installed package); from the
 * TypeScript sources (lib/replay/worker.ts, tests) through ts-node.
 */
function startWorker(input: WorkerInput, script: string | undefined): Worker {
  if (script !== undefined) return new Worker(script, { workerData: input });
  const compiled = path.join(__dirname, 'worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, { workerData: input });
  const source = path.join(__dirname, 'worker.ts');
  return new Worker(
    `require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } }); require(${JSON.stringify(source)});`,
    { eval: true, workerData: input },
  );
}

/**
 * Replays `files` in `workers` worker threads.
 *
 * @param onFile called in the main thread as each file is done (in no set order).
 * @param script the worker script. @default out/replay/worker.js (or lib/replay/worker.ts through ts-node)
 * @returns the tally of each worker.
 * @throws PoolError when a worker stops before it is done.
 */
export function replayInWorkers(
  files: readonly string[], patterns: string[], limits: ReadLimits, workers: number,
  onFile: (index: number, outcome: FileOutcome) => void, script?: string,
): Promise<TallyData[]> {
  return new Promise((resolve, reject) => {
    const count = Math.max(1, Math.min(workers, files.length));
    const tallies: TallyData[] = [];
    const pool: Worker[] = [];
    let next = 0;
    let failed = false;
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(new PoolError(message));
    };
    for (let i = 0; i < count; i++) {
      const worker = startWorker({ patterns, limits }, script);
      pool.push(worker);
      let inFlight = 0;
      let finished = false;
      let done = false;
      const feed = () => {
        while (inFlight < IN_FLIGHT && next < files.length) {
          worker.postMessage({ type: 'file', index: next, path: files[next] } satisfies ToWorker);
          next++;
          inFlight++;
        }
        if (inFlight === 0 && !finished) {
          finished = true;
          worker.postMessage({ type: 'finish' } satisfies ToWorker);
        }
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'file') {
          inFlight--;
          onFile(message.index, message.outcome);
          feed();
        } else {
          done = true;
          tallies.push(message.tally);
          if (tallies.length === count) resolve(tallies);
        }
      });
      worker.on('error', (e) => fail(`a replay worker thread failed: ${e.stack ?? e.message}`));
      worker.on('exit', (code) => {
        if (!done) fail(`a replay worker thread stopped before it was done (exit code ${code})`);
      });
      feed();
    }
  });
}
