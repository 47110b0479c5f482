import type { StackArtifact, TemplateResource } from './cloud-assembly';
import { type TemplateResolver, UnresolvableError } from './intrinsics';

/** One resource of the app, with its properties resolved on demand. */
export interface FoundResource {
  readonly stack: StackArtifact;
  readonly logicalId: string;
  readonly resource: TemplateResource;
  /** `Stack/LogicalId` */
  readonly key: string;
  /** For people: the construct path without its trailing `/Resource`, or the key. */
  readonly displayName: string;
  property(name: string): unknown;
  ref(): string;
  attribute(name: string): string;
}

export const resourcesOfType = (resolver: TemplateResolver, ...types: string[]): FoundResource[] =>
  [...resolver.resources()]
    .filter(({ resource }) => types.includes(resource.Type))
    .map(({ stack, logicalId, resource }) => {
      const path = resource.Metadata?.['aws:cdk:path'];
      return {
        stack,
        logicalId,
        resource,
        key: `${stack.name}/${logicalId}`,
        displayName: typeof path === 'string' ? path.replace(/\/Resource$/, '') : `${stack.name}/${logicalId}`,
        property: (name: string) => resolver.resolve(stack, resource.Properties?.[name]),
        ref: () => String(resolver.identity(stack, logicalId).ref()),
        attribute: (name: string) => String(resolver.identity(stack, logicalId).attribute(name)),
      };
    });

/**
 * Runs one description step; a value the runtime cannot resolve becomes a start-up warning instead
 * of stopping everything else.
 */
export const describeOrWarn = <T>(warnings: string[], what: string, describe: () => T): T | undefined => {
  try {
    return describe();
  } catch (error) {
    if (!(error instanceof UnresolvableError)) throw error;
    warnings.push(`${what}: ${error.message}`);
    return undefined;
  }
};

export const optionalNumber = (value: unknown): number | undefined => (value === undefined ? undefined : Number(value));
export const isTrue = (value: unknown): boolean => value === true || value === 'true';
export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
/** A property CloudFormation takes as a JSON object or as its text (policies, event patterns, filter policies). */
export const jsonProperty = (value: unknown): unknown => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
