/**
 * Resolves the CloudFormation intrinsics of synthesized templates to the concrete strings a
 * deployment would produce, so that their policies can be evaluated as IAM would see them.
 *
 * Physical names are deterministic stand-ins: a resource's explicit name property when it has one,
 * else `<stack>-<logicalId>` (lower case for buckets). Only the intrinsics and attributes the
 * library's templates use are supported; anything else throws, so that a policy is never
 * evaluated with a silently wrong value.
 */

/** One stack of an app: where it deploys and its synthesized template. */
export interface StackTemplate {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly template: any;
}

const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::Events::Rule': 'Name',
  'AWS::KMS::Alias': 'AliasName',
};

/** Resolves values of one stack's template. */
export class CfnResolver {
  constructor(public readonly stack: StackTemplate) {}

  private get resources(): Record<string, any> {
    return this.stack.template.Resources ?? {};
  }

  /** The resource's physical name (its name property, resolved, or a deterministic stand-in). */
  public physicalName(logicalId: string): string {
    const resource = this.resources[logicalId];
    if (!resource) throw new Error(`${this.stack.stackName}: no resource ${logicalId}`);
    const prop = NAME_PROPERTY[resource.Type];
    const given = prop ? resource.Properties?.[prop] : undefined;
    if (given !== undefined) return this.resolve(given);
    if (resource.Type === 'AWS::S3::Bucket') return `${this.stack.stackName}-${logicalId}`.toLowerCase().slice(0, 63);
    if (resource.Type === 'AWS::KMS::Key') return `key-${logicalId}`;
    return `${this.stack.stackName}-${logicalId}`;
  }

  private arn(service: string, resource: string, region = this.stack.region, account = this.stack.account): string {
    return `arn:${this.stack.partition}:${service}:${region}:${account}:${resource}`;
  }

  /** `Ref` of a resource or parameter. */
  public ref(name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Partition': this.stack.partition,
      'AWS::AccountId': this.stack.account,
      'AWS::Region': this.stack.region,
      'AWS::StackName': this.stack.stackName,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (name in pseudo) return pseudo[name];
    const parameter = this.stack.template.Parameters?.[name];
    if (parameter) {
      if (parameter.Default === undefined) throw new Error(`${this.stack.stackName}: parameter ${name} has no default`);
      return String(parameter.Default);
    }
    const resource = this.resources[name];
    if (!resource) throw new Error(`${this.stack.stackName}: Ref to unknown ${name}`);
    const n = this.physicalName(name);
    switch (resource.Type) {
      case 'AWS::SNS::Topic': return this.arn('sns', n);
      case 'AWS::SQS::Queue': return `https://sqs.${this.stack.region}.amazonaws.com/${this.stack.account}/${n}`;
      case 'AWS::IAM::ManagedPolicy': return `arn:${this.stack.partition}:iam::${this.stack.account}:policy/${n}`;
      default: return n;
    }
  }

  /** `Fn::GetAtt` of a resource. */
  public getAtt(logicalId: string, attribute: string): string {
    const resource = this.resources[logicalId];
    if (!resource) throw new Error(`${this.stack.stackName}: GetAtt of unknown ${logicalId}`);
    const n = this.physicalName(logicalId);
    const p = this.stack.partition;
    const key = `${resource.Type}.${attribute}`;
    switch (key) {
      case 'AWS::S3::Bucket.Arn': return `arn:${p}:s3:::${n}`;
      case 'AWS::S3::Bucket.DomainName': return `${n}.s3.amazonaws.com`;
      case 'AWS::S3::Bucket.RegionalDomainName': return `${n}.s3.${this.stack.region}.amazonaws.com`;
      case 'AWS::KMS::Key.Arn': return this.arn('kms', `key/${n}`);
      case 'AWS::KMS::Key.KeyId': return n;
      case 'AWS::SNS::Topic.TopicArn': return this.arn('sns', n);
      case 'AWS::SNS::Topic.TopicName': return n;
      case 'AWS::SQS::Queue.Arn': return this.arn('sqs', n);
      case 'AWS::SQS::Queue.QueueName': return n;
      case 'AWS::SQS::Queue.QueueUrl': return this.ref(logicalId);
      case 'AWS::IAM::Role.Arn': return `arn:${p}:iam::${this.stack.account}:role/${resource.Properties?.Path?.replace(/^\//, '') ?? ''}${n}`;
      case 'AWS::Logs::LogGroup.Arn': return this.arn('logs', `log-group:${n}:*`);
      case 'AWS::Lambda::Function.Arn': return this.arn('lambda', `function:${n}`);
      case 'AWS::CloudTrail::Trail.Arn': return this.arn('cloudtrail', `trail/${n}`);
      case 'AWS::CloudWatch::Alarm.Arn': return this.arn('cloudwatch', `alarm:${n}`);
      case 'AWS::Events::Rule.Arn': return this.arn('events', `rule/${n}`);
      default: throw new Error(`${this.stack.stackName}: unsupported GetAtt ${key} (${logicalId})`);
    }
  }

  /** Resolves every intrinsic in a value (deeply). */
  public resolve(value: any): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = value[fn];
      switch (fn) {
        case 'Ref': return this.ref(arg);
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
          return this.getAtt(id, attr);
        }
        case 'Fn::Join': {
          const [sep, parts] = arg;
          return (this.resolve(parts) as any[]).map(String).join(sep);
        }
        case 'Fn::Select': {
          const [index, list] = arg;
          return (this.resolve(list) as any[])[Number(this.resolve(index))];
        }
        case 'Fn::Split': {
          const [sep, source] = arg;
          return String(this.resolve(source)).split(sep);
        }
        case 'Fn::Sub': return this.sub(arg);
        default:
          if (fn.startsWith('Fn::')) throw new Error(`${this.stack.stackName}: unsupported intrinsic ${fn}`);
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(value[k])]));
  }

  private sub(arg: any): string {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : [arg[0], this.resolve(arg[1] ?? {})];
    return String(text).replace(/\$\{([^}!][^}]*)\}/g, (_m: string, name: string) => {
      if (name in vars) return String(vars[name]);
      if (name.includes('.') && !name.startsWith('AWS::')) {
        const [id, attr] = name.split('.');
        return this.getAtt(id, attr);
      }
      return this.ref(name);
    });
  }

  /**
   * Logical IDs of the resources of a type whose construct-path part (the logical ID without
   * CDK's 8-character hash) ends with `idSuffix`, e.g. `LogArchiveBucket` for
   * `BaselineLogArchiveBucket83D1E5F4` but not `LogArchiveBucketPolicyA8D97FF8`.
   */
  public logicalIds(type: string, idSuffix?: string): string[] {
    return Object.entries(this.resources)
      .filter(([id, r]) => r.Type === type && (idSuffix === undefined || id.replace(/[0-9A-F]{8}$/, '').endsWith(idSuffix)))
      .map(([id]) => id);
  }

  /** The one logical ID of a type whose logical ID (without hash) ends with `idSuffix`. */
  public logicalId(type: string, idSuffix: string): string {
    const ids = this.logicalIds(type, idSuffix);
    if (ids.length !== 1) throw new Error(`${this.stack.stackName}: ${ids.length} ${type} whose logical ID ends with '${idSuffix}' (${ids.join(', ')})`);
    return ids[0];
  }
}
