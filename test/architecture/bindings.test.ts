/**
 * Issue 17 §1, "bind, don't mutate": the import graph of lib/ has no file circle, no construct
 * checks another construct of the library with `instanceof`, and the fast path asks a detection
 * for its EventBridge pattern instead of comparing it with the catalog.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const LIB = resolve(__dirname, '..', '..', 'lib');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The lib files a file imports or re-exports (type-only imports too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => {
    const base = resolve(dirname(file), s);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch { /* next */ }
    }
    return base;
  });
}

const files = sources(LIB);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

test('the import graph of lib/ has no file circle', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'active');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'active') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(LIB, f)).join(' > '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  expect(cycles).toEqual([]);
});

test('no construct instanceof-checks a construct of the library', () => {
  const own = ['LogArchive', 'ImportedLogArchive', 'AlarmNotifications', 'DetectionAlarms', 'BaselineTrail', 'Alarm', 'DigestValidator', 'DetectionFastPath'];
  const found = files.filter((f) => !/-handler\//.test(f)).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/instanceof\s+([A-Za-z]+)/g)]
    .filter((m) => own.includes(m[1])).map((m) => `${relative(LIB, f)}: instanceof ${m[1]}`));
  expect(found).toEqual([]);
});

test('DetectionFastPath imports neither the detection catalog nor the notifier\'s internal contract', () => {
  // OrganizationFastPath takes its default detections from the catalog (Detections.all()): a default, not a comparison.
  const offending = files.filter((f) => relative(LIB, f) === 'fast-path/detection-fast-path.ts').flatMap((f) => (graph.get(f) ?? [])
    .map((target) => relative(LIB, target))
    .filter((target) => target.startsWith('detections/catalog') || target.includes('notifier-handler/'))
    .map((target) => `${relative(LIB, f)} > ${target}`));
  expect(offending).toEqual([]);
});
