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

/**
 * A catalog detection as replay detections: one per metric filter, its filter pattern first, then each
 * additional filter pattern (`<id>/additional-<n>`), which feed the same metric.
 */
export function fromCatalogDetection(d: Detection): ReplayDetection[] {
  return [
    { id: d.id, title: d.title, metricName: d.metricName, filterPattern: d.filterPattern, pattern: d._pattern },
    ...d.additionalFilterPatterns.map((text, i) => ({
      id: additionalId(d.id, i), title: `${d.title} (additional pattern ${i + 1})`, metricName: d.metricName, filterPattern: text, pattern: d._additionalPatterns[i],
    })),
  ];
}

/** The replay ID of a detection's additional filter pattern `i` (0-based). */
export function additionalId(id: string, i: number): string {
  return `${id}/additional-${i + 1}`;
}

/**
 * The catalog's detections: `Detections.cisAwsFoundations()` (the 15 CIS / Security Hub detections), plus
 * `Detections.variants()` with `includeVariants`.
 */
export function catalogDetections(includeVariants: boolean): DetectionList {
  const detections = includeVariants ? Detections.everything() : Detections.cisAwsFoundations();
  // One entry per detection, its first filter pattern (the replay report is per detection). Additional
  // filter patterns (CloudWatch.13's is a subset of its first; CIS.4.15's adds three event names) are
  // replayed per metric filter with --template.
  return { detections: detections.map((d) => fromCatalogDetection(d)[0]), warnings: [] };
}
