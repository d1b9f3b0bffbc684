/**
 * Renders the detections catalog (defaults, opt-in variants, then network activity detections) as the markdown table of docs/detections.md,
 * between `<!-- catalog:start -->` and `<!-- catalog:end -->`.
 *
 * Regenerate the table after changing the catalog:
 *
 *     npx ts-node --transpile-only test/detections/catalog-table.ts
 *
 * test/detections/catalog-page-table.test.ts fails when the table is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Detection, Detections } from '../../lib/detections';

export const START_MARKER = '<!-- catalog:start -->';
export const END_MARKER = '<!-- catalog:end -->';
/** The docs page that holds the generated catalog table. */
export const CATALOG_PAGE = path.join(__dirname, '..', '..', 'docs', 'detections.md');

function row(d: Detection, kind: string): string {
  const cells = [
    `\`${d.id}\``,
    d.title,
    kind,
    d.severity,
    d.securityHubControlId ?? '—',
    d.cisControlIds.length > 0 ? d.cisControlIds.join(', ') : '—',
    `\`${d.metricName}\``,
  ];
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** The table, without the markers, ending with a newline. */
export function renderCatalogTable(): string {
  return [
    '<!-- Generated from the catalog by test/detections/catalog-table.ts; do not edit by hand. -->',
    '| ID | Title | Set | Severity | Security Hub | CIS | Metric |',
    '|---|---|---|---|---|---|---|',
    ...Detections.cisAwsFoundations().map((d) => row(d, 'default')),
    ...Detections.variants().map((d) => row(d, 'opt-in variant')),
    ...Detections.networkActivity().map((d) => row(d, 'opt-in (network activity events)')),
  ].join('\n') + '\n';
}

/**
 * The page's text with the table between the markers replaced.
 *
 * @throws Error when the markers are missing or out of order
 */
export function withCatalogTable(page: string): string {
  const start = page.indexOf(START_MARKER);
  const end = page.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(`docs/detections.md must hold ${START_MARKER} then ${END_MARKER}`);
  }
  return `${page.slice(0, start + START_MARKER.length)}\n${renderCatalogTable()}${page.slice(end)}`;
}

if (require.main === module) {
  const before = fs.readFileSync(CATALOG_PAGE, 'utf8');
  const after = withCatalogTable(before);
  fs.writeFileSync(CATALOG_PAGE, after);
  process.stdout.write(before === after ? 'docs/detections.md catalog table is up to date\n' : 'docs/detections.md catalog table updated\n');
}
