// The heartbeat window's rule, shared by BaselineMonitoring and CloudTrailBaseline (not exported
// from the package).
import { Duration } from 'aws-cdk-lib';
import { CloudTrailBaselineError } from '../private/errors';
import { is, requireLiteralDuration } from '../private/props-schema';

/** The period of every monitoring metric (the heartbeat window is a multiple of it). */
export const PERIOD = Duration.minutes(5);
/** CloudWatch: evaluation periods × period must not exceed one day. */
const MAX_WINDOW_SECONDS = 24 * 3600;

/** The number of 5-minute periods of the heartbeat window, or an error naming the property. */
export function heartbeatPeriods(property: string, window: Duration): number {
  is.duration(property, window);
  requireLiteralDuration(property, window, 'the window sets the number of evaluation periods of the heartbeat alarm');
  let seconds: number | undefined;
  try {
    seconds = window.toSeconds();
  } catch {
    seconds = undefined;
  }
  const period = PERIOD.toSeconds();
  if (seconds === undefined || seconds < period || seconds > MAX_WINDOW_SECONDS || seconds % period !== 0) {
    throw new CloudTrailBaselineError(property,
      `must be a whole multiple of 5 minutes, from 5 minutes to 24 hours (got ${window.toHumanString()})`);
  }
  return seconds / period;
}
