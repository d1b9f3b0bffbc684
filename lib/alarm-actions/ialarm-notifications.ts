import { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { IRuleTarget } from 'aws-cdk-lib/aws-events';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Detection } from '../detections/detection';

/**
 * Where the baseline's alarms and fast-path events go, as `BaselineMonitoring` watches them and
 * `DetectionFastPath` notifies through them: implemented by `AlarmNotifications`.
 */
export interface IAlarmNotifications {
  /** The alarm topic. */
  readonly topic: ITopic;

  /** The dead-letter queue of notifications that could not be delivered; `BaselineMonitoring` alarms on its depth. */
  readonly deadLetterQueue: IQueue;

  /**
   * The function that turns alarms into readable notifications; `BaselineMonitoring` alarms on its errors.
   *
   * @default - none: no notifier
   */
  readonly notifier?: IFunction;

  /**
   * The alarm action that invokes `notifier`: `BaselineMonitoring` leaves it out of the actions of
   * the alarm on the notifier's own errors.
   *
   * @default - none: no notifier
   */
  readonly notifierAlarmAction?: IAlarmAction;

  /** The alarm actions that notify: the topic and, when there is one, the notifier. */
  readonly alarmActions: IAlarmAction[];

  /**
   * An EventBridge rule target that notifies of each event a rule of the detection matches (one
   * readable notification per event): the notifier when there is one, else the topic (an
   * `AlarmTopicRuleTarget`), with the dead-letter queue for events it could not deliver. Lets
   * EventBridge use the key of the topic and queue.
   *
   * @param detection the detection the rule implements: its title, severity, controls and remediation head the notification
   */
  ruleTargetFor(detection: Detection): IRuleTarget;
}
