/**
 * Bad input, class "wrong place": refused at synth by prop name (see cases.ts; docs/bad-input.md lists them).
 */
import { Key } from 'aws-cdk-lib/aws-kms';
import { casesOf, expectRefused, imported, newStack } from './cases';
import { BaselineTrail } from '../../lib/trail';

describe('wrong place: refused by prop name', () => {
  test.each(casesOf('wrong place'))('%s', (_, c) => expectRefused(c));
});

test('wrong place: a key of the stack\'s own region (imported by ARN) is accepted', () => {
  const stack = newStack();
  const key = Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  new BaselineTrail(stack, 'Trail', { logArchive: imported(stack), trailName: 'account-trail', logGroupEncryptionKey: key });
});
