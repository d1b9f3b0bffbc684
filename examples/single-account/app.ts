import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ChatWebhook, CloudTrailBaseline, TrailDescription } from '../../lib';

/**
 * One account, everything in it: an account trail, its log archive, detections, notifications by
 * email and Slack, and the baseline's monitoring.
 */
export class SingleAccountStack extends Stack {
  public readonly baseline: CloudTrailBaseline;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.baseline = new CloudTrailBaseline(this, 'Baseline', {
      trail: TrailDescription.accountTrail({ accountId: this.account, region: this.region, trailName: 'account-trail' }),
      notificationEmails: ['security-alerts@example.com'],
      notificationOptions: {
        // The webhook URL stays in Secrets Manager (created outside the stack); only its ARN is in the template.
        chatWebhooks: [ChatWebhook.slack(Secret.fromSecretNameV2(this, 'SlackWebhook', 'cloudtrail-baseline/slack-webhook'))],
      },
      // One quiet account can go an hour without an API call: alarm after 3 hours without events.
      heartbeatWindow: Duration.hours(3),
    });
  }
}

/** Adds the single-account stack to an app. */
export function addSingleAccount(app: App): SingleAccountStack {
  return new SingleAccountStack(app, 'SingleAccount', {
    env: { account: '333333333333', region: 'eu-west-1' },
    description: 'CloudTrail baseline of one account (cdk-cloudtrail-baseline example)',
  });
}
