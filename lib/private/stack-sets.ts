// The one way this library deploys a member stack to an organization: a service-managed StackSet
// with automatic deployment, managed execution, all regions in parallel. Not exported from the package.
import {
  Capability, DeploymentType, RegionConcurrencyType, StackSet, StackSetStack, StackSetTarget, StackSetTemplate,
} from 'cdk-stacksets';
import { Construct } from 'constructs';

/** What differs between the library's StackSets. */
export interface OrganizationStackSetOptions {
  readonly stackSetName: string;
  readonly description: string;
  readonly member: StackSetStack;
  readonly organizationalUnitIds: string[];
  readonly regions: string[];
  /** Deployed from a StackSets delegated administrator account (else the management account). */
  readonly delegatedAdmin: boolean;
}

/**
 * A service-managed StackSet of `member` to the accounts of the OUs (and those that join them later),
 * in the regions given: automatic deployment, stacks removed when an account leaves (their retained
 * resources stay), IAM capability, managed execution, regions in parallel, 10 % failure tolerance.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
 */
export function organizationStackSet(scope: Construct, id: string, options: OrganizationStackSetOptions): StackSet {
  return new StackSet(scope, id, {
    stackSetName: options.stackSetName,
    description: options.description,
    template: StackSetTemplate.fromStackSetStack(options.member),
    target: StackSetTarget.fromOrganizationalUnits({ organizationalUnits: options.organizationalUnitIds, regions: options.regions }),
    deploymentType: DeploymentType.serviceManaged({
      delegatedAdmin: options.delegatedAdmin,
      autoDeployEnabled: true,
      autoDeployRetainStacks: false,
    }),
    capabilities: [Capability.IAM],
    managedExecution: true,
    operationPreferences: {
      regionConcurrencyType: RegionConcurrencyType.PARALLEL,
      maxConcurrentPercentage: 100,
      failureTolerancePercentage: 10,
    },
  });
}
