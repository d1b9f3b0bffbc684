/**
 * Rendering and checking of a trail's Insights selectors (with event categories) and data-event
 * aggregation. Internal: the trail constructs call these; not exported from any barrel.
 */
import { CfnTrail, InsightType } from 'aws-cdk-lib/aws-cloudtrail';
import { DataEventsAggregation, InsightEventCategory } from './trail-event-options';
import { CloudTrailBaselineError } from '../private/errors';

/** What the trail gives `renderInsightSelectors`. */
export interface InsightSelectionInput {
  readonly insightTypes?: InsightType[];
  readonly insightEventCategories?: InsightEventCategory[];
  /** Whether the trail logs data events (`dataEvents` is not empty). */
  readonly hasDataEvents: boolean;
  readonly propsName: string;
}

/**
 * The `InsightSelectors`: one per Insights type, with `EventCategories` when
 * `insightEventCategories` is given (CloudFormation's default is management events only).
 *
 * @throws CloudTrailBaselineError naming `<propsName>.insightEventCategories` when it is empty, repeats a
 * category, is given without `insightTypes`, or asks for data Insights on a trail without data events
 */
export function renderInsightSelectors(input: InsightSelectionInput): CfnTrail.InsightSelectorProperty[] | undefined {
  const types = input.insightTypes ?? [];
  const categories = input.insightEventCategories;
  const property = `${input.propsName}.insightEventCategories`;
  if (categories !== undefined) {
    const valid = Object.values(InsightEventCategory) as string[];
    for (const c of categories) {
      if (!valid.includes(c)) throw new CloudTrailBaselineError(property, `must hold InsightEventCategory values (MANAGEMENT, DATA); got '${c}'`);
    }
    if (categories.length === 0) throw new CloudTrailBaselineError(property, 'must hold at least one category when given (leave it out for management events only)');
    const repeated = categories.find((c, i) => categories.indexOf(c) !== i);
    if (repeated) throw new CloudTrailBaselineError(property, `lists '${repeated}' more than once`);
    if (types.length === 0) {
      throw new CloudTrailBaselineError(property, `has no effect without ${input.propsName}.insightTypes: give the Insights types, or leave it out`);
    }
    if (categories.includes(InsightEventCategory.DATA) && !input.hasDataEvents) {
      throw new CloudTrailBaselineError(property,
        `holds InsightEventCategory.DATA, but ${input.propsName}.dataEvents is empty: Insights on data events analyse the trail's data events, so log some (dataEvents) or leave DATA out`);
    }
  }
  if (types.length === 0) return undefined;
  return types.map((t) => ({ insightType: t.value, ...(categories ? { eventCategories: [...categories] } : {}) }));
}

/**
 * The `AggregationConfigurations`: one for data events with the given templates.
 *
 * @throws CloudTrailBaselineError naming `<propsName>.dataEventsAggregations` when it is empty, repeats or
 * is not a template, or when the trail logs no data events
 */
export function renderAggregations(templates: DataEventsAggregation[] | undefined, hasDataEvents: boolean,
  propsName: string): CfnTrail.AggregationConfigurationProperty[] | undefined {
  if (templates === undefined) return undefined;
  const property = `${propsName}.dataEventsAggregations`;
  const valid = Object.values(DataEventsAggregation) as string[];
  for (const t of templates) {
    if (!valid.includes(t)) throw new CloudTrailBaselineError(property, `must hold DataEventsAggregation values (API_ACTIVITY, RESOURCE_ACCESS, USER_ACTIONS); got '${t}'`);
  }
  if (templates.length === 0) throw new CloudTrailBaselineError(property, 'must hold at least one template when given (leave it out for no aggregation)');
  const repeated = templates.find((t, i) => templates.indexOf(t) !== i);
  if (repeated) throw new CloudTrailBaselineError(property, `lists '${repeated}' more than once`);
  if (!hasDataEvents) {
    throw new CloudTrailBaselineError(property,
      `aggregates data events, but ${propsName}.dataEvents is empty: CloudTrail aggregates only the data events a trail logs`);
  }
  return [{ eventCategory: 'Data', templates: [...templates] }];
}
