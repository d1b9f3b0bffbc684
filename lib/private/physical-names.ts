// "Two of a kind": physical names that AWS keeps unique (trail, log group, alarm, topic, dashboard
// and bucket names) are claimed here per app and environment, so that a second construct with the
// same name fails at synth, naming the property and the first owner, instead of failing at deploy.
// Names are not made unique by derivation: they are identities that policies (aws:SourceArn),
// runbooks and audit evidence refer to, so they must stay what the caller wrote.
import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CloudTrailBaselineError } from './errors';
import { isConcrete } from './validate';

/** Where AWS keeps a kind of name unique. */
export type NameScope = 'region' | 'account' | 'partition';

const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Claims `name` for `scope`. A construct may claim again a name it (or a construct it contains)
 * holds already, e.g. `CloudTrailBaseline` and its `BaselineTrail`.
 *
 * Environment-agnostic stacks are checked within the stack only: two of them may deploy anywhere.
 *
 * @param kind what the name names, e.g. 'CloudWatch alarm'
 * @param unique where AWS keeps the name unique
 * @throws CloudTrailBaselineError naming `property` when another construct holds the name
 */
export function claimPhysicalName(scope: IConstruct, kind: string, name: string | undefined, property: string, unique: NameScope = 'region'): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  const stack = Stack.of(scope);
  const { account, region } = stack;
  const known = unique === 'partition' ? true : unique === 'account' ? isConcrete(account) : isConcrete(account) && isConcrete(region);
  const where = !known ? `stack ${stack.node.path}`
    : unique === 'partition' ? 'the partition'
      : unique === 'account' ? `account ${account}` : `account ${account} and region ${region}`;
  const root = scope.node.root;
  const claims = CLAIMS.get(root) ?? new Map<string, string>();
  CLAIMS.set(root, claims);
  const key = `${kind}\u0000${where}\u0000${name}`;
  const path = scope.node.path;
  const holder = claims.get(key);
  if (holder !== undefined && holder !== path && !path.startsWith(`${holder}/`)) {
    throw new CloudTrailBaselineError(property,
      `'${name}' is already the ${kind} name of ${holder}: ${kind} names are unique in ${unique === 'partition' ? 'the partition' : `an ${unique === 'account' ? 'account' : 'account and region'}`} `
      + `(here ${where}), so the second one would fail to deploy. Give one of them another name`);
  }
  if (holder === undefined) claims.set(key, path);
}
