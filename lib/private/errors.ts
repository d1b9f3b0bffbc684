/**
 * The error this library raises at synth time for bad input.
 *
 * Its message always names the property at fault and the rule it breaks, for example
 * `LogArchiveProps.lifecycle.deepArchiveTransitionAfter: must come after glacierTransitionAfter by at least 90 days ...`.
 *
 * Not exported through jsii (jsii cannot model subclasses of `Error`); callers match on the
 * `name` (`CloudTrailBaselineError`) or on the message.
 */
export class CloudTrailBaselineError extends Error {
  /** The property at fault, e.g. `BaselineTrailProps.organizationId`. */
  public readonly property: string;

  /**
   * @param property the property at fault, as `PropsInterface.prop[.subProp]`
   * @param rule what the property must satisfy, in one sentence
   */
  constructor(property: string, rule: string) {
    super(`${property}: ${rule}`);
    this.name = 'CloudTrailBaselineError';
    this.property = property;
    Object.setPrototypeOf(this, CloudTrailBaselineError.prototype);
  }
}
