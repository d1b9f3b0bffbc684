import { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * Alarm actions per detection severity: each list, when set, replaces
 * `DetectionAlarmsProps.alarmActions` for the detections of that severity (an empty list means no
 * action). For example, critical detections to a paging topic, the rest to email.
 */
export interface SeverityAlarmActions {
  /**
   * Actions of the alarms of `DetectionSeverity.CRITICAL` detections.
   *
   * @default - `DetectionAlarmsProps.alarmActions`
   */
  readonly critical?: IAlarmAction[];

  /**
   * Actions of the alarms of `DetectionSeverity.HIGH` detections.
   *
   * @default - `DetectionAlarmsProps.alarmActions`
   */
  readonly high?: IAlarmAction[];

  /**
   * Actions of the alarms of `DetectionSeverity.MEDIUM` detections.
   *
   * @default - `DetectionAlarmsProps.alarmActions`
   */
  readonly medium?: IAlarmAction[];

  /**
   * Actions of the alarms of `DetectionSeverity.LOW` detections.
   *
   * @default - `DetectionAlarmsProps.alarmActions`
   */
  readonly low?: IAlarmAction[];
}

/**
 * The alarm actions of one detection; they replace the severity's and the default actions.
 */
export interface DetectionAlarmActions {
  /** The ID of the detection, e.g. `CloudWatch.1`. */
  readonly detectionId: string;

  /** What the detection's alarm does when it changes state (an empty list means no action). */
  readonly alarmActions: IAlarmAction[];
}

/**
 * Options of `DetectionAlarms.addDetection()`.
 */
export interface AddDetectionOptions {
  /**
   * The alarm actions of this detection; they replace the severity's and the default actions.
   *
   * @default - the detection's entry in `DetectionAlarmsProps.detectionAlarmActions`, else its
   * severity's actions, else `DetectionAlarmsProps.alarmActions`
   * @throws when `DetectionAlarmsProps.detectionAlarmActions` also routes the detection
   */
  readonly alarmActions?: IAlarmAction[];
}
