import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CloudTrailBaseline } from '../../lib';

/** One account, everything in it: an account trail, its log archive, detections and notifications. */
export class SingleAccountStack extends Stack {
  public readonly baseline: CloudTrailBaseline;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.baseline = new CloudTrailBaseline(this, 'Baseline', {
      trailName: 'account-trail',
      notificationEmails: ['security-alerts@example.com'],
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
