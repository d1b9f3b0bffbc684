import { AlarmActionConfig, IAlarm, IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { CloudTrailBaselineError } from '../private/errors';

/** The placeholder of `DetectionAlarms.defaultActions()`; binding it outside a route is a mistake. */
class DefaultActionsPlaceholder implements IAlarmAction {
  public bind(_scope: Construct, alarm: IAlarm): AlarmActionConfig {
    throw new CloudTrailBaselineError(`alarm actions of ${alarm.node.path}`,
      'DetectionAlarms.defaultActions() is a placeholder for the default actions of a DetectionAlarms route; use it only in severityAlarmActions, detectionAlarmActions or addDetection options');
  }
}

export const DEFAULT_ACTIONS: IAlarmAction = new DefaultActionsPlaceholder();
