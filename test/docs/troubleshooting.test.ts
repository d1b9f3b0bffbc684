/**
 * docs/troubleshooting.md explains every synth warning of the library: this test fails when a warning
 * ID raised in lib/ is missing from its table, or when the table names an ID that lib/ no longer
 * raises. IDs are read from the sources: `'cdk-cloudtrail-baseline:<name>'` literals, and the
 * `warn(scope, '<name>', ...)` helper of lib/trail/event-selection.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.endsWith('-handler') ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function raisedWarnings(): Set<string> {
  const ids = new Set<string>();
  for (const file of sources(path.join(ROOT, 'lib'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/addWarningV2\(\s*'cdk-cloudtrail-baseline:([A-Za-z0-9]+)'/g)) ids.add(m[1]);
    for (const m of text.matchAll(/\bwarn\(scope, '([A-Za-z0-9]+)'/g)) ids.add(m[1]);
  }
  return ids;
}

function documentedWarnings(): Set<string> {
  const page = fs.readFileSync(path.join(ROOT, 'docs', 'troubleshooting.md'), 'utf8');
  const table = page.slice(page.indexOf('## Synth warnings'), page.indexOf('## Deployment failures'));
  return new Set([...table.matchAll(/^\| `([A-Za-z0-9]+)` \|/gm)].map((m) => m[1]));
}

describe('docs/troubleshooting.md', () => {
  const raised = raisedWarnings();
  const documented = documentedWarnings();

  test('finds the warnings in the sources (the scan itself works)', () => {
    expect(raised.has('noTamperProtection')).toBe(true);
    expect(raised.has('managementEventsNone')).toBe(true);
    expect(raised.size).toBeGreaterThan(15);
  });

  test('documents every warning the library raises', () => {
    expect([...raised].filter((id) => !documented.has(id)).sort()).toEqual([]);
  });

  test('documents no warning the library no longer raises', () => {
    expect([...documented].filter((id) => !raised.has(id)).sort()).toEqual([]);
  });
});
