/**
 * docs/detections.md's catalog table is generated from the catalog (test/detections/catalog-table.ts): this test
 * fails when it is stale, so a catalog change that forgets the page fails CI.
 */
import * as fs from 'fs';
import { CATALOG_PAGE, END_MARKER, renderCatalogTable, START_MARKER, withCatalogTable } from './catalog-table';
import { Detections } from '../../lib/detections';

const page = fs.readFileSync(CATALOG_PAGE, 'utf8');

describe('docs/detections.md catalog table', () => {
  test('holds the markers once each, in order', () => {
    expect(page.split(START_MARKER)).toHaveLength(2);
    expect(page.split(END_MARKER)).toHaveLength(2);
    expect(page.indexOf(START_MARKER)).toBeLessThan(page.indexOf(END_MARKER));
  });

  test('is up to date (regenerate with: npx ts-node --transpile-only test/detections/catalog-table.ts)', () => {
    expect(withCatalogTable(page)).toBe(page);
  });

  test('has one row per catalog detection, defaults then variants', () => {
    const rows = renderCatalogTable().split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split(' | ')[0].replace('| ', ''))).toEqual(Detections.everything().map((d) => `\`${d.id}\``));
    expect(rows.filter((r) => r.includes(' | default | '))).toHaveLength(15);
    expect(rows.filter((r) => r.includes(' | opt-in variant | '))).toHaveLength(4);
  });

  test('would notice a change to the catalog', () => {
    const stale = withCatalogTable(page).replace('| `CloudWatch.1` | Root user activity |', '| `CloudWatch.1` | Root activity |');
    expect(stale).not.toBe(page);
    expect(withCatalogTable(stale)).toBe(page);
  });

  test('refuses a page without the markers', () => {
    expect(() => withCatalogTable('# no table here\n')).toThrow(/must hold <!-- catalog:start --> then <!-- catalog:end -->/);
  });
});
