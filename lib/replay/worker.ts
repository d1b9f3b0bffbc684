/**
 * A worker thread of the replay (started by pool.ts): reads the files it is sent, one at a time,
 * sends back each file's outcome, and its tally when told to finish.
 *
 * Internal module of the replay tool: not public API.
 */
import { parentPort, workerData } from 'worker_threads';
import { ReadLimits } from './decode';
import { FileOutcome, FileReplayer, TallyData } from './file-replayer';

/** What a worker is started with. */
export interface WorkerInput {
  readonly patterns: string[];
  readonly limits: ReadLimits;
}

/** A message to a worker. */
export type ToWorker = { readonly type: 'file'; readonly index: number; readonly path: string } | { readonly type: 'finish' };

/** A message from a worker. */
export type FromWorker =
  | { readonly type: 'file'; readonly index: number; readonly outcome: FileOutcome }
  | { readonly type: 'tally'; readonly tally: TallyData };

if (parentPort !== null && (workerData as WorkerInput | undefined)?.patterns !== undefined) {
  const port = parentPort;
  const input = workerData as WorkerInput;
  const replayer = new FileReplayer(input.patterns, input.limits);
  // Files are read one after the other, in the order they arrive.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (message.type === 'file') {
        const outcome = await replayer.replayFile(message.path);
        port.postMessage({ type: 'file', index: message.index, outcome } satisfies FromWorker);
      } else {
        port.postMessage({ type: 'tally', tally: replayer.tally.data() } satisfies FromWorker);
        port.close();
      }
    });
  });
}
