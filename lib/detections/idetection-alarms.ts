import { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Detection } from './detection';

/**
 * Detections with an alarm each, as `BaselineMonitoring` shows them on its dashboard: implemented
 * by `DetectionAlarms`.
 */
export interface IDetectionAlarms {
  /** The IDs of the detections with an alarm, in the order they were added. */
  readonly detectionIds: string[];

  /** The alarms of the detections, in the order the detections were added. */
  alarms(): IAlarm[];

  /**
   * A detection with an alarm here.
   *
   * @param detectionId one of `detectionIds`
   * @throws Error (`CloudTrailBaselineError`) when no detection has that ID
   */
  detectionFor(detectionId: string): Detection;

  /**
   * The alarm of a detection.
   *
   * @param detectionId one of `detectionIds`
   * @throws Error (`CloudTrailBaselineError`) when no detection has that ID
   */
  alarmFor(detectionId: string): IAlarm;
}
