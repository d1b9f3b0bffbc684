// Chat routing end to end at synth: what the notifier reads from a detection alarm (its metric
// name and the "(severity X)" of its description, lib/alarm-actions/notifier-handler/chat-delivery.ts)
// is what DetectionAlarms and ChatWebhook write, for every detection of the catalog.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ChatWebhook } from '../../lib/alarm-actions';
import { alarmRoute, webhookReceives } from '../../lib/alarm-actions/notifier-handler/chat-delivery';
import { DetectionAlarms, Detections, DetectionSeverity } from '../../lib/detections';

test('each catalog alarm routes to the webhook of its detection and of its severity, and to no other', () => {
  const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'us-east-1' } });
  const detections = Detections.everything();
  new DetectionAlarms(stack, 'Detections', { logGroup: new LogGroup(stack, 'Logs'), detections });
  const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
  expect(alarms).toHaveLength(detections.length);
  const secret = Secret.fromSecretNameV2(stack, 'Secret', 'chat/x');
  for (const detection of detections) {
    const alarm = alarms.find((a) => a.Properties.MetricName === detection.metricName);
    expect(alarm).toBeDefined();
    // The event's metrics as CloudWatch sends them to a Lambda alarm action.
    const route = alarmRoute([{ id: 'm1', metricStat: { metric: { namespace: alarm!.Properties.Namespace, name: alarm!.Properties.MetricName } } }],
      alarm!.Properties.AlarmDescription);
    expect(route.severity).toBe(detection.severity);
    const entry = (w: ChatWebhook) => ({
      kind: 'slack' as const,
      secretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:x',
      ...(w.detectionMetricNames.length ? { metricNames: w.detectionMetricNames } : {}),
      ...(w.severities.length ? { severities: w.severities } : {}),
    });
    expect(webhookReceives(entry(ChatWebhook.slack(secret, { detections: [detection] })), route)).toBe(true);
    expect(webhookReceives(entry(ChatWebhook.slack(secret, { severities: [detection.severity] })), route)).toBe(true);
    const others = Object.values(DetectionSeverity).filter((s) => s !== detection.severity);
    expect(webhookReceives(entry(ChatWebhook.slack(secret, { severities: others })), route)).toBe(false);
    const another = detections.find((d) => d.metricName !== detection.metricName)!;
    expect(webhookReceives(entry(ChatWebhook.slack(secret, { detections: [another] })), route)).toBe(false);
  }
});
