// The baseline of benchmarks/synth-time.mjs: the least a CDK app needs for a CloudTrail trail
// with CloudWatch Logs delivery, with aws-cdk-lib alone (its `Trail` creates the bucket, the log
// group and the delivery role). Same env as the landing zone's management stack.
import { App, Stack } from 'aws-cdk-lib';
import { Trail } from 'aws-cdk-lib/aws-cloudtrail';

const app = new App();
const stack = new Stack(app, 'BareTrail', { env: { account: '222222222222', region: 'us-east-1' } });
new Trail(stack, 'Trail', { trailName: 'organization-trail', sendToCloudWatchLogs: true, isMultiRegionTrail: true });
app.synth();
