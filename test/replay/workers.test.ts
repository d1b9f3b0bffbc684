/**
 * The worker_threads pool: the report is byte-for-byte the same whatever the number of workers
 * and the order in which files finish (the counters merge order-independently).
 */
import * as path from 'path';
import { cleanUp, cloudTrailLogFile, labelledRecords, run, tempDir, workerBundle, writeFile } from './helpers';
import { EventTotals } from '../../lib/replay/stats';

const records = labelledRecords().map((r) => r.record);

afterAll(cleanUp);

/** 9 files of uneven sizes (so that workers finish out of order), a bad line, an unreadable file. */
function corpus(): string {
  const dir = tempDir();
  let n = 0;
  const next = (eventTime?: string) => ({
    ...records[n++ % records.length],
    eventTime: eventTime ?? new Date(Date.UTC(2024, 4, 1) + n * 97_000).toISOString(),
  });
  for (let f = 0; f < 8; f++) {
    const size = f % 3 === 0 ? 300 : 7;
    writeFile(path.join(dir, `f${f}.json.gz`), cloudTrailLogFile(Array.from({ length: size }, () => next())));
  }
  // The same instant written two ways, in two files: first/last event must not depend on order.
  writeFile(path.join(dir, 'g1.jsonl'), `${JSON.stringify(next('2024-04-30 00:00:00'))}\nnot json\n`);
  writeFile(path.join(dir, 'g2.json'), JSON.stringify({ Records: [next('2024-04-30T00:00:00Z')] }));
  writeFile(path.join(dir, 'h-broken.json.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1]));
  return dir;
}

test('--workers 1, 2 and 3 print the same report bytes (text and JSON)', async () => {
  const dir = corpus();
  const clock = () => 0; // elapsed time and events/s are the only figures that may differ
  const workerScript = workerBundle();
  const outputs = [];
  for (const workers of ['1', '3', '2']) {
    const json = await run(['replay', '--json', '--workers', workers, dir], { now: clock, workerScript });
    const text = await run(['replay', '--workers', workers, dir], { now: clock, workerScript });
    expect(json.code).toBe(0);
    outputs.push({ json: json.stdout.text, text: text.stdout.text });
  }
  expect(outputs[1]).toEqual(outputs[0]);
  expect(outputs[2]).toEqual(outputs[0]);
  const report = JSON.parse(outputs[0].json);
  expect(report.events).toBe(3 * 300 + 5 * 7 + 2);
  expect(report.files).toMatchObject({ read: 10, unreadable: 1 });
  expect(report.linesSkipped).toBe(1);
  expect(report.days.firstEventTime).toBe('2024-04-30 00:00:00'); // the smaller text of the two
}, 30_000);

test('EventTotals.merge: first and last event do not depend on the merge order', () => {
  const a = new EventTotals();
  a.add({ eventTime: '2024-04-30T00:00:00Z' });
  const b = new EventTotals();
  b.add({ eventTime: '2024-04-30 00:00:00' });
  b.add({ eventTime: '2024-05-02T00:00:00Z' });
  const ab = EventTotals.from(a.data());
  ab.merge(b.data());
  const ba = EventTotals.from(b.data());
  ba.merge(a.data());
  for (const t of [ab, ba]) {
    expect([t.events, t.firstEventTime, t.lastEventTime, t.spanDays, [...t.days].sort()])
      .toEqual([3, '2024-04-30 00:00:00', '2024-05-02T00:00:00Z', 3, ['2024-04-30', '2024-05-02']]);
  }
});
