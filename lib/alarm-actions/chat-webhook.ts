import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { kinds } from '../private/schemas';

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
   * @see https://api.slack.com/messaging/webhooks
   */
  public static slack(secret: ISecret): ChatWebhook {
    kinds.secret('ChatWebhook.slack(secret)', secret);
    return new ChatWebhook(ChatWebhookFormat.SLACK, secret);
  }

  /**
   * A Microsoft Teams webhook (a Teams Workflows "Post to a channel when a webhook request is
   * received" URL, or a legacy Office 365 connector URL).
   *
   * @param secret the secret whose value is the webhook URL
   * @see https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
   */
  public static microsoftTeams(secret: ISecret): ChatWebhook {
    kinds.secret('ChatWebhook.microsoftTeams(secret)', secret);
    return new ChatWebhook(ChatWebhookFormat.MICROSOFT_TEAMS, secret);
  }

  /**
   * Any other HTTPS endpoint that accepts a JSON `POST` (e.g. Mattermost, Google Chat, or an
   * in-house relay).
   *
   * @param secret the secret whose value is the webhook URL
   */
  public static generic(secret: ISecret): ChatWebhook {
    kinds.secret('ChatWebhook.generic(secret)', secret);
    return new ChatWebhook(ChatWebhookFormat.GENERIC, secret);
  }

  /** The payload format the notifier posts to this webhook. */
  public readonly format: ChatWebhookFormat;

  /** The secret whose value is the webhook URL. */
  public readonly secret: ISecret;

  /**
   * @param format the payload format the notifier uses
   * @param secret the secret whose value is the webhook URL
   */
  private constructor(format: ChatWebhookFormat, secret: ISecret) {
    this.format = format;
    this.secret = secret;
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
