/**
 * Renders the compliance matrix (catalog detection x standard) of docs/compliance.md, between
 * `<!-- matrix:start -->` and `<!-- matrix:end -->`: for each detection (defaults, then opt-in variants), its
 * Security Hub control, its CIS AWS Foundations Benchmark recommendation in each version the catalog names,
 * and the Prowler checks whose published regexes (test/fixtures/prowler) find one of its filter patterns.
 *
 * Regenerate the matrix after changing the catalog:
 *
 *     npx ts-node --transpile-only test/detections/compliance-matrix.ts
 *
 * test/detections/compliance-matrix.test.ts fails when the matrix is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Detection, Detections } from '../../lib/detections';

export const START_MARKER = '<!-- matrix:start -->';
export const END_MARKER = '<!-- matrix:end -->';
/** The docs page that holds the generated matrix. */
export const MATRIX_PAGE = path.join(__dirname, '..', '..', 'docs', 'compliance.md');

const PROWLER = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'prowler', 'metric-filter-checks.json'), 'utf8')) as {
  commit: string; checks: Array<{ check: string; regex: string }>;
};

/** The CIS versions the catalog names, in version order. */
export function cisVersions(): string[] {
  const versions = new Set(Detections.everything().flatMap((d) => d.cisControlIds.map((c) => c.split('/')[0])));
  const key = (v: string) => v.slice(1).split('.').map((n) => n.padStart(4, '0')).join('.');
  return [...versions].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The Prowler metric-filter checks whose regex finds one of the detection's filter patterns. */
export function prowlerChecksOf(d: Detection): string[] {
  return PROWLER.checks.filter((c) => {
    const regex = new RegExp(c.regex, 's');
    return [d.filterPattern, ...d.additionalFilterPatterns].some((p) => regex.test(p));
  }).map((c) => c.check);
}

function row(d: Detection, kind: string, versions: string[]): string {
  const cells = [
    `\`${d.id}\``,
    d.title,
    kind,
    d.securityHubControlId ?? '—',
    ...versions.map((v) => {
      const controls = d.cisControlIds.filter((c) => c.startsWith(`${v}/`)).map((c) => c.split('/')[1]);
      return controls.length > 0 ? controls.join(', ') : '—';
    }),
    d.additionalFilterPatterns.length > 0 ? String(1 + d.additionalFilterPatterns.length) : '1',
    prowlerChecksOf(d).map((c) => `\`${c}\``).join('<br>') || '—',
  ];
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** The matrix, without the markers, ending with a newline. */
export function renderMatrix(): string {
  const versions = cisVersions();
  return [
    '<!-- Generated from the catalog and test/fixtures/prowler by test/detections/compliance-matrix.ts; do not edit by hand. -->',
    `| ID | Title | Set | Security Hub | ${versions.map((v) => `CIS ${v}`).join(' | ')} | Metric filters | Prowler check (at \`${PROWLER.commit.slice(0, 12)}\`) |`,
    `|---|---|---|---|${versions.map(() => '---').join('|')}|---|---|`,
    ...Detections.cisAwsFoundations().map((d) => row(d, 'default', versions)),
    ...Detections.variants().map((d) => row(d, 'opt-in variant', versions)),
    ...Detections.networkActivity().map((d) => row(d, 'opt-in (network activity events)', versions)),
  ].join('\n') + '\n';
}

/**
 * The page's text with the matrix between the markers replaced.
 *
 * @throws Error when the markers are missing or out of order
 */
export function withMatrix(page: string): string {
  const start = page.indexOf(START_MARKER);
  const end = page.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(`docs/compliance.md must hold ${START_MARKER} then ${END_MARKER}`);
  }
  return `${page.slice(0, start + START_MARKER.length)}\n${renderMatrix()}${page.slice(end)}`;
}

if (require.main === module) {
  const before = fs.readFileSync(MATRIX_PAGE, 'utf8');
  const after = withMatrix(before);
  fs.writeFileSync(MATRIX_PAGE, after);
  process.stdout.write(before === after ? 'docs/compliance.md matrix is up to date\n' : 'docs/compliance.md matrix updated\n');
}
