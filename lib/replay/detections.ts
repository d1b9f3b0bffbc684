/**
 * The detections a replay runs: the catalog's, or the metric filters of a synthesized template
 * (see template.ts).
 *
 * Internal module of the replay tool: not public API.
 */
import { Detection, Detections } from '../detections';
import { JsonFilterPattern } from '../filter-pattern';

/** A detection as the replay sees it: a name, a metric and a matcher. */
export interface ReplayDetection {
  /** The catalog ID (`CloudWatch.1`), or the metric filter's logical ID for a template. */
  readonly id: string;
  /** A short title (the catalog title, or the metric name for a template). */
  readonly title: string;
  /** The CloudWatch metric the metric filter publishes. */
  readonly metricName: string;
  /** The filter pattern text. */
  readonly filterPattern: string;
  /** The parsed pattern. */
  readonly pattern: JsonFilterPattern;
}

/** Detections and the warnings met while listing them. */
export interface DetectionList {
  readonly detections: ReplayDetection[];
  readonly warnings: string[];
}

/** The catalog detections as replay detections. */
export function fromCatalogDetection(d: Detection): ReplayDetection {
  return { id: d.id, title: d.title, metricName: d.metricName, filterPattern: d.filterPattern, pattern: d._pattern };
}

/**
 * The catalog's detections: `Detections.cisAwsFoundations()` (the 15 CIS / Security Hub detections), plus
 * `Detections.variants()` with `includeVariants`.
 */
export function catalogDetections(includeVariants: boolean): DetectionList {
  const detections = includeVariants ? Detections.everything() : Detections.cisAwsFoundations();
  return { detections: detections.map(fromCatalogDetection), warnings: [] };
}
