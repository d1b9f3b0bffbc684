/**
 * Loads the detections of a synthesized CloudFormation template: every `AWS::Logs::MetricFilter`
 * with its `FilterPattern` and `MetricTransformations[0].MetricName`.
 *
 * Internal module of the replay tool: not public API.
 */
import * as fs from 'fs';
import { DetectionList, fromCatalogDetection, ReplayDetection } from './detections';
import { Detections } from '../detections';
import { JsonFilterPattern } from '../filter-pattern';

/** Why a template could not be used (unreadable, not JSON, no `Resources`). */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/**
 * The metric filters of a synthesized template (`cdk.out/<stack>.template.json`), as detections.
 *
 * A metric filter is skipped with a warning when its `FilterPattern` is not a plain string (a
 * token: `Fn::Join`, `Ref`, a parameter...), is not a JSON filter pattern (`{ ... }`), or does not
 * parse. A filter whose text is a catalog detection's gets the catalog ID and title (an additional
 * filter pattern's: `<id>/additional-<n>`); the others are
 * named by their logical ID and titled by their metric name. Order: catalog detections in catalog
 * order, then the others by logical ID.
 *
 * @throws TemplateError when the file cannot be read, is not JSON or has no `Resources` object.
 */
export function templateDetections(file: string): DetectionList {
  let template: any;
  try {
    template = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TemplateError(`${file}: ${(e as Error).message}`);
  }
  const resources = template?.Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new TemplateError(`${file}: not a CloudFormation template (no "Resources" object)`);
  }
  // Every metric filter of the catalog (a detection's pattern and its additional ones), by text.
  const catalogList = Detections.cisAwsFoundations().flatMap(fromCatalogDetection);
  const catalog = new Map(catalogList.map((d) => [d.filterPattern, d]));
  const order = new Map(catalogList.map((d, i) => [d.id, i]));
  const detections: ReplayDetection[] = [];
  const warnings: string[] = [];
  for (const logicalId of Object.keys(resources).sort()) {
    const resource = resources[logicalId];
    if (resource?.Type !== 'AWS::Logs::MetricFilter') continue;
    const props = resource.Properties ?? {};
    const text = props.FilterPattern;
    const rawMetric = props.MetricTransformations?.[0]?.MetricName;
    const metricName = typeof rawMetric === 'string' ? rawMetric : '(unresolved)';
    if (typeof text !== 'string') {
      warnings.push(`${logicalId}: skipped, its FilterPattern is not a plain string (a token: ${JSON.stringify(text)?.slice(0, 80)}); it cannot be evaluated offline`);
      continue;
    }
    if (!text.trimStart().startsWith('{')) {
      warnings.push(`${logicalId}: skipped, its FilterPattern is not a JSON filter pattern ({ ... }): ${JSON.stringify(text.slice(0, 80))}`);
      continue;
    }
    let pattern: JsonFilterPattern;
    try {
      pattern = JsonFilterPattern.parse(text);
    } catch (e) {
      warnings.push(`${logicalId}: skipped, its FilterPattern does not parse: ${(e as Error).message}`);
      continue;
    }
    const catalogMatch = catalog.get(text);
    const known = catalogMatch && !detections.some((d) => d.id === catalogMatch.id) ? catalogMatch : undefined;
    detections.push({
      id: known ? known.id : logicalId,
      title: known ? known.title : metricName,
      metricName,
      filterPattern: text,
      pattern,
    });
  }
  // Catalog detections in catalog order, then the others by logical ID.
  const rank = (d: ReplayDetection) => order.get(d.id) ?? catalogList.length;
  detections.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { detections, warnings };
}
