import { Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';

type Resource = { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every resource of a type across stacks, with the stack it is in. */
export const resourcesOfType = (stacks: Stack[], type: string) =>
  stacks.flatMap((stack) => {
    const resources = (Template.fromStack(stack).toJSON().Resources ?? {}) as Record<string, Resource>;
    return Object.entries(resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({
        stack,
        logicalId,
        properties: resource.Properties ?? {},
        metadata: resource.Metadata ?? {},
        resources,
      }));
  });
