/**
 * Decides IAM requests against the policies of synthesized templates, as AWS would: the resource
 * policy of the target (bucket, key, topic, queue, role trust) together with the identity policies
 * of the calling role (inline, customer managed and attached `AWS::IAM::Policy`), same- and
 * cross-account, with `@cloud-copilot/iam-simulate`.
 *
 * iam-simulate 0.1.173 silently drops request context keys that hold extra colons, such as
 * `kms:EncryptionContext:aws:cloudtrail:arn` (it reports them in `ignoredContextKeys` and then
 * decides without them). `decide()` never passes such a result: a request whose only dropped keys
 * are `kms:EncryptionContext:<context key>` of a KMS action that takes them is evaluated again with
 * the simulator's unvalidated engine (`runUnsafeSimulation`), which honours them; any other dropped
 * key throws. `test/security/simulator.test.ts` proves both paths with canary requests.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnResolver, StackTemplate } from './cfn-resolver';

export type { StackTemplate } from './cfn-resolver';
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A request to decide. */
export interface PolicyRequest {
  /** An IAM role ARN, `arn:<p>:iam::<account>:root`, or a service principal (`cloudtrail.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  /** The target's ARN (`*` for actions without resource). */
  readonly resource: string;
  /** The account that owns the resource; derived from the ARN when it has one (S3: the bucket's stack). */
  readonly resourceAccount?: string;
  /** Request context; `aws:SecureTransport` defaults to `true`, principal keys are derived. */
  readonly context?: Record<string, string | string[]>;
  /** The caller's organization (sets `aws:PrincipalOrgID`). */
  readonly principalOrgId?: string;
  /** Identity policies of a principal that is not in the templates (e.g. an administrator). */
  readonly identityPolicies?: any[];
}

/** An identity policy that allows everything (an administrator, a break-glass role). */
export const ADMINISTRATOR_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The templates of CDK stacks, with their environments. */
export function templatesOf(stacks: Stack[]): StackTemplate[] {
  return stacks.map((stack) => ({
    stackName: stack.stackName,
    account: stack.account,
    region: stack.region,
    partition: stack.region.startsWith('cn-') ? 'aws-cn' : stack.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws',
    template: Template.fromStack(stack).toJSON(),
  }));
}

interface ResourcePolicy {
  readonly resourceArn: string;
  readonly account: string;
  readonly document: any;
}

/** Counts every decided request, for the suite's report. */
export const evaluationStats = { requests: 0, unsafeFallbacks: 0 };

/** The resource and identity policies of a set of stacks, and the requests they decide. */
export class PolicyWorld {
  public readonly resolvers: CfnResolver[];
  private readonly bucketPolicies = new Map<string, ResourcePolicy>();
  private readonly keyPolicies = new Map<string, ResourcePolicy>();
  private readonly topicPolicies = new Map<string, ResourcePolicy>();
  private readonly queuePolicies = new Map<string, ResourcePolicy>();
  private readonly trustPolicies = new Map<string, ResourcePolicy>();
  private readonly rolePolicies = new Map<string, any[]>();

  constructor(stacks: StackTemplate[]) {
    this.resolvers = stacks.map((s) => new CfnResolver(s));
    for (const r of this.resolvers) this.collect(r);
  }

  /** The resolver of a stack, by name. */
  public stack(stackName: string): CfnResolver {
    const r = this.resolvers.find((x) => x.stack.stackName === stackName);
    if (!r) throw new Error(`no stack ${stackName}`);
    return r;
  }

  private collect(r: CfnResolver): void {
    const { account } = r.stack;
    const resources: Record<string, any> = r.stack.template.Resources ?? {};
    const managed = new Map<string, any>(); // managed policy ARN -> document
    const attached: Array<[string[], any]> = []; // role names -> document
    for (const [id, res] of Object.entries(resources)) {
      const props = res.Properties ?? {};
      switch (res.Type) {
        case 'AWS::S3::BucketPolicy':
          this.bucketPolicies.set(r.resolve(props.Bucket), { resourceArn: `arn:${r.stack.partition}:s3:::${r.resolve(props.Bucket)}`, account, document: r.resolve(props.PolicyDocument) });
          break;
        case 'AWS::KMS::Key':
          this.keyPolicies.set(r.getAtt(id, 'Arn'), { resourceArn: r.getAtt(id, 'Arn'), account, document: r.resolve(props.KeyPolicy) });
          break;
        case 'AWS::SNS::TopicPolicy':
          for (const t of r.resolve(props.Topics)) this.topicPolicies.set(t, { resourceArn: t, account, document: r.resolve(props.PolicyDocument) });
          break;
        case 'AWS::SQS::QueuePolicy':
          for (const url of r.resolve(props.Queues) as string[]) {
            const name = url.split('/').pop()!;
            const arn = `arn:${r.stack.partition}:sqs:${r.stack.region}:${account}:${name}`;
            this.queuePolicies.set(arn, { resourceArn: arn, account, document: r.resolve(props.PolicyDocument) });
          }
          break;
        case 'AWS::IAM::Role': {
          const arn = r.getAtt(id, 'Arn');
          this.trustPolicies.set(arn, { resourceArn: arn, account, document: r.resolve(props.AssumeRolePolicyDocument) });
          this.rolePolicies.set(arn, (props.Policies ?? []).map((p: any) => r.resolve(p.PolicyDocument)));
          break;
        }
        case 'AWS::IAM::ManagedPolicy':
          managed.set(r.ref(id), r.resolve(props.PolicyDocument));
          if (props.Roles) attached.push([r.resolve(props.Roles), r.resolve(props.PolicyDocument)]);
          break;
        case 'AWS::IAM::Policy':
          if (props.Roles) attached.push([r.resolve(props.Roles), r.resolve(props.PolicyDocument)]);
          break;
      }
    }
    for (const [id, res] of Object.entries(resources)) {
      if (res.Type !== 'AWS::IAM::Role') continue;
      const arn = r.getAtt(id, 'Arn');
      for (const p of r.resolve(res.Properties?.ManagedPolicyArns ?? []) as string[]) {
        const doc = managed.get(p);
        if (!doc) throw new Error(`${r.stack.stackName}: role ${id} has managed policy ${p}, which is not in the templates`);
        this.rolePolicies.get(arn)!.push(doc);
      }
      const name = r.physicalName(id);
      for (const [roles, doc] of attached) if (roles.includes(name)) this.rolePolicies.get(arn)!.push(doc);
    }
  }

  /** The ARN of a resource of a stack, found by type and logical ID (see `CfnResolver.logicalIds`). */
  public arnOf(stackName: string, type: string, idSuffix: string): string {
    const r = this.stack(stackName);
    const id = r.logicalId(type, idSuffix);
    const attr: Record<string, string> = { 'AWS::SNS::Topic': 'TopicArn' };
    return r.getAtt(id, attr[type] ?? 'Arn');
  }

  /** The physical name of a resource of a stack, found by type and logical ID. */
  public nameOf(stackName: string, type: string, idSuffix: string): string {
    const r = this.stack(stackName);
    return r.physicalName(r.logicalId(type, idSuffix));
  }

  /** The resource policy that governs a request, if any. */
  private resourcePolicyFor(action: string, resource: string): ResourcePolicy | undefined {
    const service = action.split(':')[0];
    if (service === 's3') {
      const bucket = resource.split(':::')[1]?.split('/')[0];
      return this.bucketPolicies.get(bucket);
    }
    if (service === 'kms') return this.keyPolicies.get(resource);
    if (service === 'sns') return this.topicPolicies.get(resource);
    if (service === 'sqs') return this.queuePolicies.get(resource);
    if (service === 'sts') return this.trustPolicies.get(resource);
    return undefined;
  }

  /** Whether a role of the templates has this ARN. */
  public hasRole(arn: string): boolean {
    return this.rolePolicies.has(arn);
  }

  /** Decides a request; throws when the simulator refuses it or drops a context key it cannot honour. */
  public async decide(request: PolicyRequest): Promise<Decision> {
    evaluationStats.requests += 1;
    const isService = request.principal.endsWith('.amazonaws.com');
    const policy = this.resourcePolicyFor(request.action, request.resource);
    const accountOfArn = (arn: string) => /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
    const resourceAccount = request.resourceAccount ?? policy?.account ?? accountOfArn(request.resource);
    if (!resourceAccount) throw new Error(`no account known for ${request.resource}`);
    const context: Record<string, string | string[]> = { 'aws:SecureTransport': 'true' };
    if (isService) {
      context['aws:PrincipalIsAWSService'] = 'true';
    } else {
      context['aws:PrincipalArn'] = request.principal;
      context['aws:PrincipalAccount'] = accountOfArn(request.principal) ?? /iam::(\d{12}):/.exec(request.principal)![1];
      context['aws:PrincipalIsAWSService'] = 'false';
      if (request.principalOrgId) context['aws:PrincipalOrgID'] = request.principalOrgId;
    }
    Object.assign(context, request.context ?? {});
    const identity = isService ? [] : [...(this.rolePolicies.get(request.principal) ?? []), ...(request.identityPolicies ?? [])];
    const simulation: Simulation = {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: resourceAccount },
        contextVariables: context,
      },
      identityPolicies: identity.map((p, i) => ({ name: `identity${i}`, policy: p })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy?.document,
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error') {
      throw new Error(`iam-simulate refused ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
    }
    if (result.resultType === 'wildcard') {
      // A resource ARN with a wildcard (e.g. a log group's `...:log-group:<name>:*`): the simulator
      // decides each pattern the policies name. No fallback here: every key must be honoured.
      const dropped = result.results.flatMap((x) => x.ignoredContextKeys ?? []);
      if (dropped.length > 0) throw new Error(`iam-simulate ignored the context keys ${dropped.join(', ')} of ${request.action}`);
      return result.overallResult;
    }
    const ignored = result.result.ignoredContextKeys ?? [];
    if (ignored.length === 0) return result.overallResult;
    const droppedEncryptionContext = ignored.every((k) => /^kms:EncryptionContext:.+/i.test(k));
    if (!droppedEncryptionContext || !request.action.startsWith('kms:')) {
      throw new Error(`iam-simulate ignored the context keys ${ignored.join(', ')} of ${request.action}: the decision would not use them`);
    }
    // The documented context key kms:EncryptionContext:${EncryptionContextKey} holds colons the
    // simulator's key matching does not expect. Policies and the action were validated above; the
    // unvalidated engine evaluates the same request with every key as given.
    evaluationStats.unsafeFallbacks += 1;
    return runUnsafeSimulation({
      ...simulation,
      identityPolicies: simulation.identityPolicies,
      resourcePolicy: policy ? { __validated: true, policyDocument: policy.document, metadata: { name: 'resource' }, errors: [] } : undefined,
    }, {});
  }
}
