/**
 * Bad input, class "two of a kind": refused at synth by prop name (see cases.ts; docs/bad-input.md lists them).
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { casesOf, ENV, expectRefused, imported, newStack } from './cases';
import { CloudTrailBaseline } from '../../lib/baseline';
import { DetectionAlarms, Detections } from '../../lib/detections';
import { BaselineTrail } from '../../lib/trail';

describe('two of a kind: refused by prop name', () => {
  test.each(casesOf('two of a kind'))('%s', (_, c) => expectRefused(c));
});

describe('two of a kind: what still synthesizes', () => {
  test('two DetectionAlarms on one log group with different prefixes', () => {
    const stack = newStack();
    const logGroup = new LogGroup(stack, 'LogGroup');
    new DetectionAlarms(stack, 'A', { logGroup, detections: [Detections.rootUserUsage()] });
    new DetectionAlarms(stack, 'B', { logGroup, detections: [Detections.rootUserUsage()], alarmNamePrefix: 'second-', metricNamespace: 'Second' });
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))).toHaveLength(2);
  });

  test('two CloudTrailBaselines in one stack with their own trail names, archive aliases and prefixes', () => {
    const stack = newStack();
    for (const n of ['a', 'b']) {
      new CloudTrailBaseline(stack, n, {
        trailName: `trail-${n}`,
        alarmNamePrefix: `${n}-`,
        notificationEmails: ['security@example.com'],
        logArchiveProps: { encryptionKeyAlias: `alias/archive-${n}` },
      });
    }
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))).toHaveLength(2);
  });

  test('one trail name in two regions, or in two environment-agnostic stacks', () => {
    const app = new App();
    trail(newStack({ env: ENV }, app, 'East'));
    trail(newStack({ env: { ...ENV, region: 'eu-west-1' } }, app, 'West'));
    trail(newStack({}, app, 'AgnosticOne'));
    trail(newStack({}, app, 'AgnosticTwo'));
  });

  test('the same trail name twice in one environment-agnostic stack is refused', () => {
    const stack = newStack({});
    const logArchive = imported(stack);
    new BaselineTrail(stack, 'A', { logArchive, trailName: 'same', logGroupName: 'a' });
    expect(() => new BaselineTrail(stack, 'B', { logArchive, trailName: 'same', logGroupName: 'b' }))
      .toThrow(/^BaselineTrailProps.trailName: 'same' is already the CloudTrail trail name of Stack\/A/);
  });
});

function trail(stack: ReturnType<typeof newStack>) {
  return new BaselineTrail(stack, 'Trail', { logArchive: imported(stack), trailName: 'account-trail' });
}
