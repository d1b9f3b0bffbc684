/**
 * Narrows a selection of data events by the fields CloudTrail accepts in a trail's advanced event
 * selectors for data events besides `resources.type`, `resources.ARN` and `readOnly`: `eventName`,
 * `userIdentity.arn` and `sessionCredentialFromConsole` (`DataEvents.filter()`). Fewer events
 * logged, fewer billed ($0.10 per 100,000 data events, list price): e.g. the S3 object operations of
 * one application role only, or without the `GetObject` reads of a public website.
 *
 * Trails accept these fields for data events only: for management events CloudTrail accepts them on
 * event data stores only (`ManagementEventsOptions` refuses them by name).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/filtering-data-events.html
 */
export interface DataEventFilters {
  /**
   * Log only these API operations (`eventName Equals`), e.g. `['PutObject', 'DeleteObject']`.
   * Not together with `excludeEventNames`.
   *
   * @default - every operation
   */
  readonly eventNames?: string[];

  /**
   * Do not log these API operations (`eventName NotEquals`), e.g. `['GetObject']`.
   *
   * @default - none excluded
   */
  readonly excludeEventNames?: string[];

  /**
   * Log only calls by principals whose ARN starts with one of these (`userIdentity.arn StartsWith`),
   * e.g. `arn:aws:sts::111111111111:assumed-role/payments-`. Each is an ARN prefix (`arn:...`).
   *
   * @default - every principal
   */
  readonly userIdentityArnPrefixes?: string[];

  /**
   * Do not log calls by principals whose ARN starts with one of these
   * (`userIdentity.arn NotStartsWith`), e.g. a data pipeline's role.
   *
   * @default - none excluded
   */
  readonly excludeUserIdentityArnPrefixes?: string[];

  /**
   * Log only calls made with console session credentials (`true`) or only calls made without them
   * (`false`), by `sessionCredentialFromConsole`.
   *
   * @default - both
   */
  readonly sessionCredentialFromConsole?: boolean;
}
