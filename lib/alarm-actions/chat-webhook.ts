import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Detection } from '../detections/detection';
import { DetectionSeverity } from '../detections/detection-props';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { kinds, schemas } from '../private/schemas';

/**
 * Which alarms a chat webhook receives. With neither list, every alarm the notifier handles
 * (detections, self-monitoring, the digest validator). With one or both, only the alarms of the
 * detections named, and those of a detection with one of the severities named; the others still
 * go to the topic and to the webhooks without a filter. So one notifier can send root-user
 * activity to a paging channel and everything else to email only.
 *
 * The notifier tells the detection of an alarm by the metric it watches (the detection's
 * `metricName`) and its severity by the alarm description `DetectionAlarms` writes
 * (`(severity CRITICAL)`); an alarm of the library's self-monitoring has no severity.
 */
export interface ChatWebhookOptions {
  /**
   * The detections whose alarms this webhook receives.
   *
   * @default - no detection filter
   */
  readonly detections?: Detection[];

  /**
   * The severities whose detection alarms this webhook receives.
   *
   * @default - no severity filter
   */
  readonly severities?: DetectionSeverity[];
}

function checkOptions(factory: string, options: ChatWebhookOptions | undefined): { metricNames: string[]; severities: DetectionSeverity[] } {
  if (options === undefined) return { metricNames: [], severities: [] };
  const name = `${factory}.options`;
  checkProps(name, options, schemas.ChatWebhookOptions());
  const detections = options.detections ?? [];
  const severities = options.severities ?? [];
  if (detections.length === 0 && severities.length === 0) {
    throw new CloudTrailBaselineError(name, 'names no detection and no severity: the webhook would receive no alarm. Leave the options out to receive every alarm');
  }
  return { metricNames: [...new Set(detections.map((d) => d.metricName))], severities: [...new Set(severities)] };
}

/**
 * The payload format the notifier posts to a chat webhook. The value is the `kind` of the webhook's
 * entry in the notifier's `CHAT_WEBHOOKS` environment variable.
 */
export enum ChatWebhookFormat {
  /** Slack incoming webhook payload (`ChatWebhook.slack()`). */
  SLACK = 'slack',
  /** Microsoft Teams payload (`ChatWebhook.microsoftTeams()`). */
  MICROSOFT_TEAMS = 'teams',
  /** A generic JSON `POST` (`ChatWebhook.generic()`). */
  GENERIC = 'generic',
}

/**
 * A chat channel the alarm notifier posts its readable notification to, through an incoming
 * webhook whose URL is kept in AWS Secrets Manager.
 *
 * The secret's value (`SecretString`) is the webhook URL, for example
 * `https://hooks.slack.com/services/...`, or a JSON object `{ "url": "https://..." }`; the URL
 * must be `https:`. The URL never appears in the template or in the
 * function's environment: the notifier receives the secret's ARN (environment variable
 * `CHAT_WEBHOOKS`) and reads the value at run time, with `secretsmanager:GetSecretValue` on that
 * secret only (and `kms:Decrypt` on its customer managed key, if it has one, through Secrets
 * Manager only). Create the secret outside the stack (`aws secretsmanager create-secret --name
 * chat/security-alerts --secret-string https://hooks...`) and import it, e.g. with
 * `Secret.fromSecretNameV2()`.
 *
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
 */
export class ChatWebhook {
  /**
   * A Slack incoming webhook (Slack app "Incoming Webhooks" or Workflow Builder webhook URL).
   *
   * @param secret the secret whose value is the webhook URL
   * @param options which alarms it receives (default: all)
   * @throws when an option is not a list of detections or severities, or routes nothing
   * @see https://api.slack.com/messaging/webhooks
   */
  public static slack(secret: ISecret, options?: ChatWebhookOptions): ChatWebhook {
    kinds.secret('ChatWebhook.slack(secret)', secret);
    return new ChatWebhook(ChatWebhookFormat.SLACK, secret, checkOptions('ChatWebhook.slack()', options));
  }

  /**
   * A Microsoft Teams webhook (a Teams Workflows "Post to a channel when a webhook request is
   * received" URL, or a legacy Office 365 connector URL).
   *
   * @param secret the secret whose value is the webhook URL
   * @param options which alarms it receives (default: all)
   * @throws when an option is not a list of detections or severities, or routes nothing
   * @see https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
   */
  public static microsoftTeams(secret: ISecret, options?: ChatWebhookOptions): ChatWebhook {
    kinds.secret('ChatWebhook.microsoftTeams(secret)', secret);
    return new ChatWebhook(ChatWebhookFormat.MICROSOFT_TEAMS, secret, checkOptions('ChatWebhook.microsoftTeams()', options));
  }

  /**
   * Any other HTTPS endpoint that accepts a JSON `POST` (e.g. Mattermost, Google Chat, or an
   * in-house relay).
   *
   * @param secret the secret whose value is the webhook URL
   * @param options which alarms it receives (default: all)
   * @throws when an option is not a list of detections or severities, or routes nothing
   */
  public static generic(secret: ISecret, options?: ChatWebhookOptions): ChatWebhook {
    kinds.secret('ChatWebhook.generic(secret)', secret);
    return new ChatWebhook(ChatWebhookFormat.GENERIC, secret, checkOptions('ChatWebhook.generic()', options));
  }

  /** The payload format the notifier posts to this webhook. */
  public readonly format: ChatWebhookFormat;

  /** The secret whose value is the webhook URL. */
  public readonly secret: ISecret;

  /** The metric names of the detections whose alarms this webhook receives (`ChatWebhookOptions.detections`); empty for no detection filter. */
  public readonly detectionMetricNames: string[];

  /** The severities whose detection alarms this webhook receives (`ChatWebhookOptions.severities`); empty for no severity filter. */
  public readonly severities: DetectionSeverity[];

  /**
   * @param format the payload format the notifier uses
   * @param secret the secret whose value is the webhook URL
   * @param route the checked filter
   */
  private constructor(format: ChatWebhookFormat, secret: ISecret, route: { metricNames: string[]; severities: DetectionSeverity[] }) {
    this.format = format;
    this.secret = secret;
    this.detectionMetricNames = route.metricNames;
    this.severities = route.severities;
  }

  /**
   * The payload format as a string: `slack`, `teams` or `generic`.
   *
   * @deprecated use `format` (a `ChatWebhookFormat`); `kind` is its string value
   */
  public get kind(): string {
    return this.format;
  }
}
