import { Token } from 'aws-cdk-lib';
import { userIdentityArnField } from './data-event-filter-fields';
import type { NetworkActivityEventsSpec } from './data-events-spec';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps, is } from '../private/props-schema';
import { schemas } from '../private/schemas';

// An event source as CloudTrail names it: `<service>.amazonaws.com`.
const EVENT_SOURCE = /^[a-z0-9][a-z0-9-]{0,62}\.amazonaws\.com$/;
// A VPC endpoint ID: `vpce-` and 8 or 17 hexadecimal digits.
const VPC_ENDPOINT_ID = /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * An AWS service whose calls through VPC endpoints CloudTrail can record as network activity events
 * (the `eventSource` of an advanced event selector with `eventCategory = NetworkActivity`).
 *
 * The constants are the services a landing zone usually reaches through interface or gateway
 * endpoints; `NetworkActivityEventSource.of()` takes any other supported one.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
 */
export class NetworkActivityEventSource {
  /** AWS CloudTrail (`cloudtrail.amazonaws.com`). */
  public static readonly CLOUDTRAIL = new NetworkActivityEventSource('cloudtrail.amazonaws.com');
  /** AWS KMS (`kms.amazonaws.com`). */
  public static readonly KMS = new NetworkActivityEventSource('kms.amazonaws.com');
  /** Amazon S3 (`s3.amazonaws.com`); S3 Multi-Region Access Points are not supported by CloudTrail. */
  public static readonly S3 = new NetworkActivityEventSource('s3.amazonaws.com');
  /** AWS Secrets Manager (`secretsmanager.amazonaws.com`). */
  public static readonly SECRETS_MANAGER = new NetworkActivityEventSource('secretsmanager.amazonaws.com');
  /** Amazon EC2 (`ec2.amazonaws.com`). */
  public static readonly EC2 = new NetworkActivityEventSource('ec2.amazonaws.com');
  /** Amazon DynamoDB (`dynamodb.amazonaws.com`). */
  public static readonly DYNAMODB = new NetworkActivityEventSource('dynamodb.amazonaws.com');
  /** AWS Lambda (`lambda.amazonaws.com`). */
  public static readonly LAMBDA = new NetworkActivityEventSource('lambda.amazonaws.com');
  /** Amazon SNS (`sns.amazonaws.com`). */
  public static readonly SNS = new NetworkActivityEventSource('sns.amazonaws.com');
  /** Amazon SQS (`sqs.amazonaws.com`). */
  public static readonly SQS = new NetworkActivityEventSource('sqs.amazonaws.com');
  /** AWS Systems Manager (`ssm.amazonaws.com`). */
  public static readonly SSM = new NetworkActivityEventSource('ssm.amazonaws.com');

  /**
   * Another supported service, by its event source, e.g. `bedrock.amazonaws.com`. CloudTrail refuses
   * a source it does not support at deploy time; the list grows (see the `@see` page).
   *
   * @param eventSource `<service>.amazonaws.com`
   * @throws when `eventSource` is not of the form `<service>.amazonaws.com`
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
   */
  public static of(eventSource: string): NetworkActivityEventSource {
    const property = 'NetworkActivityEventSource.of(eventSource)';
    is.string(property, eventSource);
    if (Token.isUnresolved(eventSource)) {
      throw new CloudTrailBaselineError(property, 'must be a literal event source (the trail\'s selectors and quotas are checked at synth time)');
    }
    if (!EVENT_SOURCE.test(eventSource)) {
      throw new CloudTrailBaselineError(property, `must be an event source of the form <service>.amazonaws.com (got '${eventSource}')`);
    }
    return new NetworkActivityEventSource(eventSource);
  }

  private constructor(
    /** The event source, e.g. `kms.amazonaws.com`. */
    public readonly value: string,
  ) {}
}

/** Options of `NetworkActivityEvents`. */
export interface NetworkActivityEventsOptions {
  /**
   * Only calls through these VPC endpoints (`vpcEndpointId Equals`), e.g. `vpce-0123456789abcdef0`.
   * Each ID is one condition value per event source, of the trail's 500.
   *
   * @default - calls through any VPC endpoint of the account (network activity events reach only the
   * endpoint's owner)
   */
  readonly vpcEndpointIds?: string[];

  /**
   * Only calls by principals whose ARN starts with one of these (`userIdentity.arn StartsWith`), a
   * field trails accept for network activity events. Each is one condition value per event source.
   *
   * @default - every principal
   */
  readonly userIdentityArnPrefixes?: string[];

  /**
   * Not calls by principals whose ARN starts with one of these (`userIdentity.arn NotStartsWith`).
   *
   * @default - none excluded
   */
  readonly excludeUserIdentityArnPrefixes?: string[];
}

/**
 * A selection of network activity events: AWS API calls that went through a VPC endpoint of the
 * account, recorded for the endpoint's owner (`eventCategory = NetworkActivity`). Each event source
 * becomes one advanced event selector (CloudTrail takes one `eventSource` value per selector), so
 * each costs at least 2 of the trail's 500 condition values (3 with `errorCode`, plus the endpoint IDs).
 *
 * Billed as data events: $0.10 per 100,000 events delivered (list price). `vpceAccessDenied()` records
 * only calls an endpoint policy denied, which a working landing zone makes rarely: cheap, and each one
 * is worth a look (a credential from outside the organization, or data on its way out). `all()`
 * records every call through the endpoints, which can be as many as the data events of those services.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedEventSelector.html
 */
export class NetworkActivityEvents {
  /**
   * Calls through a VPC endpoint that its endpoint policy denied (`errorCode = VpceAccessDenied`, the
   * only error code CloudTrail filters on), for each event source. What
   * `Detections.vpcEndpointAccessDenied()` alarms on.
   *
   * @param eventSources the services, at least one, no repeats
   * @param options only some VPC endpoints
   * @throws when `eventSources` is empty or repeats one, or an endpoint ID is not `vpce-` and 8 or 17 hex digits
   */
  public static vpceAccessDenied(eventSources: NetworkActivityEventSource[], options: NetworkActivityEventsOptions = {}): NetworkActivityEvents {
    return NetworkActivityEvents.make('NetworkActivityEvents.vpceAccessDenied', eventSources, true, options);
  }

  /**
   * Every call through a VPC endpoint, allowed or denied, for each event source. Costly on busy
   * endpoints (S3, KMS): each call is a billed event.
   *
   * @param eventSources the services, at least one, no repeats
   * @param options only some VPC endpoints
   * @throws when `eventSources` is empty or repeats one, or an endpoint ID is not `vpce-` and 8 or 17 hex digits
   */
  public static all(eventSources: NetworkActivityEventSource[], options: NetworkActivityEventsOptions = {}): NetworkActivityEvents {
    return NetworkActivityEvents.make('NetworkActivityEvents.all', eventSources, false, options);
  }

  private static make(factory: string, eventSources: NetworkActivityEventSource[], deniedOnly: boolean,
    options: NetworkActivityEventsOptions): NetworkActivityEvents {
    is.listOf(is.object('a NetworkActivityEventSource', (s) => typeof s.value === 'string'))(`${factory}.eventSources`, eventSources);
    const sources = eventSources.map((s) => s.value);
    if (sources.length === 0) {
      throw new CloudTrailBaselineError(`${factory}.eventSources`, 'must hold at least one event source');
    }
    const repeated = sources.find((s, i) => sources.indexOf(s) !== i);
    if (repeated) throw new CloudTrailBaselineError(`${factory}.eventSources`, `lists '${repeated}' more than once`);
    checkProps('NetworkActivityEventsOptions', options, schemas.NetworkActivityEventsOptions());
    const ids = options.vpcEndpointIds;
    if (ids !== undefined) {
      const property = `${factory}.options.vpcEndpointIds`;
      is.listOf(is.string)(property, ids);
      if (ids.length === 0) throw new CloudTrailBaselineError(property, 'must hold at least one ID when given (leave it out for every endpoint)');
      for (const id of ids) {
        if (!Token.isUnresolved(id) && !VPC_ENDPOINT_ID.test(id)) {
          throw new CloudTrailBaselineError(property, `must hold VPC endpoint IDs, vpce- and 8 or 17 hexadecimal digits (got '${id}')`);
        }
      }
      const again = ids.find((s, i) => ids.indexOf(s) !== i);
      if (again) throw new CloudTrailBaselineError(property, `lists '${again}' more than once`);
    }
    const principals = userIdentityArnField(`${factory}.options`, options.userIdentityArnPrefixes, options.excludeUserIdentityArnPrefixes);
    return new NetworkActivityEvents({
      factory, eventSources: sources, deniedOnly, vpcEndpointIds: ids ? [...ids] : undefined, userIdentityArnField: principals,
    });
  }

  /**
   * What the factory selected, for the trail to render.
   *
   * @internal
   */
  public readonly _spec: NetworkActivityEventsSpec;

  private constructor(spec: NetworkActivityEventsSpec) {
    this._spec = spec;
  }
}
