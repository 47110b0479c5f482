import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';

/**
 * The physical id of a deployed resource, found by its stack and the start of its logical id
 * (`UserService`, `Users` → the Users table's name), with the caller's AWS credentials.
 */
export const physicalIdOf = async (stackName: string, logicalIdPrefix: string, resourceType: string): Promise<string> => {
  const client = new CloudFormationClient({});
  try {
    const { StackResources = [] } = await client.send(new DescribeStackResourcesCommand({ StackName: stackName }));
    const found = StackResources.filter(
      (resource) => resource.ResourceType === resourceType && resource.LogicalResourceId?.startsWith(logicalIdPrefix),
    );
    if (found.length !== 1 || !found[0]!.PhysicalResourceId) {
      throw new Error(`Stack ${stackName} has ${found.length} ${resourceType} resources named ${logicalIdPrefix}…: deploy it first, or name the resource yourself`);
    }
    return found[0]!.PhysicalResourceId;
  } finally {
    client.destroy();
  }
};
