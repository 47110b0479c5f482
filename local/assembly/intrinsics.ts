import type { StackArtifact, TemplateResource } from './cloud-assembly';

/** What a resource's `Ref` and `Fn::GetAtt` give locally: names, URLs and ARNs in the emulators. */
export interface ResourceIdentity {
  ref(): unknown;
  attribute(name: string): unknown;
}

export interface ResourceInStack {
  readonly stack: StackArtifact;
  readonly logicalId: string;
  readonly resource: TemplateResource;
  /** Resolves a property of this resource (in its own stack). */
  readonly property: (name: string) => unknown;
}

export type IdentityOf = (resource: ResourceInStack) => ResourceIdentity;

/** A value that cannot be known locally, such as an attribute of a resource type that is not emulated. */
export class UnresolvableError extends Error {}

const noValue = Symbol('AWS::NoValue');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asList = (value: unknown, what: string): unknown[] => {
  if (Array.isArray(value)) return value;
  throw new UnresolvableError(`${what} expects a list, got ${JSON.stringify(value)}`);
};

/**
 * Resolves CloudFormation intrinsic functions across the stacks of one app, the way CloudFormation
 * would at deployment, with local identities: Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select,
 * Fn::Split, Fn::If and conditions, Fn::FindInMap, Fn::ImportValue, Fn::GetAZs, Fn::Base64,
 * Fn::ToJsonString, pseudo parameters, parameters (SSM-typed ones read from the `AWS::SSM::Parameter`
 * resources of any stack) and `{{resolve:ssm:...}}` dynamic references.
 */
export class TemplateResolver {
  private readonly identities = new Map<string, ResourceIdentity>();
  private readonly inProgress = new Set<string>();

  constructor(
    readonly stacks: readonly StackArtifact[],
    private readonly identityOf: IdentityOf,
    /** Rewrites a string an app builds from parts (Fn::Join, Fn::Sub) that names an AWS endpoint served locally. */
    private readonly localizeString: (value: string) => string = (value) => value,
  ) {}

  stack(name: string): StackArtifact {
    const stack = this.stacks.find((candidate) => candidate.name === name);
    if (!stack) throw new Error(`No stack named ${name}`);
    return stack;
  }

  /** Every resource of the app whose condition (if any) holds, with its stack. */
  *resources(): Generator<{ stack: StackArtifact; logicalId: string; resource: TemplateResource }> {
    for (const stack of this.stacks) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
        if (!resource.Condition || this.condition(stack, resource.Condition)) yield { stack, logicalId, resource };
      }
    }
  }

  resolve(stack: StackArtifact, value: unknown): unknown {
    const resolved = this.resolveValue(stack, value);
    return resolved === noValue ? undefined : resolved;
  }

  resolveString(stack: StackArtifact, value: unknown): string {
    const resolved = this.resolve(stack, value);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new UnresolvableError(`Expected a string, got ${JSON.stringify(resolved)}`);
  }

  identity(stack: StackArtifact, logicalId: string): ResourceIdentity {
    const key = `${stack.name}/${logicalId}`;
    let identity = this.identities.get(key);
    if (!identity) {
      const resource = stack.template.Resources?.[logicalId];
      if (!resource) throw new UnresolvableError(`${stack.name} has no resource or parameter ${logicalId}`);
      identity = this.identityOf({
        stack,
        logicalId,
        resource,
        property: (name) => this.resolve(stack, resource.Properties?.[name]),
      });
      this.identities.set(key, identity);
    }
    return identity;
  }

  /** Looks up a parameter in the SSM parameters that the app's own stacks create. */
  ssmParameter(name: string): unknown {
    for (const { stack, resource } of this.resources()) {
      if (resource.Type !== 'AWS::SSM::Parameter') continue;
      if (this.resolve(stack, resource.Properties?.Name) === name) return this.resolve(stack, resource.Properties?.Value);
    }
    throw new UnresolvableError(`No stack of this app creates the SSM parameter ${name}`);
  }

  /** Guards against templates that reference themselves in a loop. */
  private guarded<T>(key: string, compute: () => T): T {
    if (this.inProgress.has(key)) throw new UnresolvableError(`Circular reference through ${key}`);
    this.inProgress.add(key);
    try {
      return compute();
    } finally {
      this.inProgress.delete(key);
    }
  }

  private resolveValue(stack: StackArtifact, value: unknown): unknown {
    if (typeof value === 'string') return this.dynamicReferences(value);
    if (Array.isArray(value)) {
      return value.map((item) => this.resolveValue(stack, item)).filter((item) => item !== noValue);
    }
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition')) {
      return this.intrinsic(stack, keys[0]!, value[keys[0]!]);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.resolveValue(stack, item);
      if (resolved !== noValue) result[key] = resolved;
    }
    return result;
  }

  private intrinsic(stack: StackArtifact, name: string, argument: unknown): unknown {
    const resolve = (item: unknown) => this.resolveValue(stack, item);
    switch (name) {
      case 'Ref':
        return this.ref(stack, String(argument));
      case 'Fn::GetAtt': {
        const [logicalId, ...attribute] = Array.isArray(argument) ? argument.map(String) : String(argument).split('.');
        return this.getAtt(stack, logicalId!, attribute.join('.'));
      }
      case 'Fn::Join': {
        const [delimiter, items] = asList(argument, name);
        return this.localizeString(
          asList(resolve(items), name)
            .map((item) => String(item))
            .join(String(delimiter)),
        );
      }
      case 'Fn::Select': {
        const [index, items] = asList(argument, name);
        const list = asList(resolve(items), name);
        const selected = list[Number(resolve(index))];
        if (selected === undefined) throw new UnresolvableError(`Fn::Select index ${String(index)} is out of range`);
        return selected;
      }
      case 'Fn::Split': {
        const [delimiter, source] = asList(argument, name);
        return String(resolve(source)).split(String(delimiter));
      }
      case 'Fn::Sub':
        return this.localizeString(this.sub(stack, argument));
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = asList(argument, name);
        return resolve(this.condition(stack, String(condition)) ? whenTrue : whenFalse);
      }
      case 'Condition':
        return this.condition(stack, String(argument));
      case 'Fn::Equals': {
        const [left, right] = asList(argument, name).map(resolve);
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::And':
        return asList(argument, name).every((item) => resolve(item) === true);
      case 'Fn::Or':
        return asList(argument, name).some((item) => resolve(item) === true);
      case 'Fn::Not':
        return resolve(asList(argument, name)[0]) !== true;
      case 'Fn::FindInMap': {
        const [map, top, second] = asList(argument, name).map(resolve).map(String);
        const found = stack.template.Mappings?.[map!]?.[top!]?.[second!];
        if (found === undefined) throw new UnresolvableError(`Fn::FindInMap found nothing at ${map}.${top}.${second}`);
        return found;
      }
      case 'Fn::ImportValue':
        return this.importValue(String(resolve(argument)));
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${stack.region}${zone}`);
      case 'Fn::Base64':
        return Buffer.from(String(resolve(argument))).toString('base64');
      case 'Fn::ToJsonString':
        return JSON.stringify(resolve(argument));
      default:
        throw new UnresolvableError(`${name} is not supported by the local runtime`);
    }
  }

  private ref(stack: StackArtifact, name: string): unknown {
    switch (name) {
      case 'AWS::Region':
        return stack.region;
      case 'AWS::AccountId':
        return stack.account;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.name;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${stack.region}:${stack.account}:stack/${stack.name}/local`;
      case 'AWS::NoValue':
        return noValue;
      case 'AWS::NotificationARNs':
        return [];
    }
    const parameter = stack.template.Parameters?.[name];
    if (parameter) return this.guarded(`${stack.name}/${name}`, () => this.parameter(stack, name, parameter));
    return this.guarded(`${stack.name}/${name}`, () => this.identity(stack, name).ref());
  }

  private getAtt(stack: StackArtifact, logicalId: string, attribute: string): unknown {
    return this.guarded(`${stack.name}/${logicalId}.${attribute}`, () => this.identity(stack, logicalId).attribute(attribute));
  }

  /** Parameters take their default; SSM-typed ones read the parameter their default names. */
  private parameter(stack: StackArtifact, name: string, parameter: { Type: string; Default?: unknown }): unknown {
    if (parameter.Type.startsWith('AWS::SSM::Parameter::Value<')) {
      const value = this.ssmParameter(String(parameter.Default));
      return parameter.Type.includes('List<') ? String(value).split(',') : value;
    }
    if (parameter.Default === undefined) throw new UnresolvableError(`Parameter ${stack.name}/${name} has no default`);
    return parameter.Type.includes('List') ? String(parameter.Default).split(',') : parameter.Default;
  }

  private condition(stack: StackArtifact, name: string): boolean {
    const definition = stack.template.Conditions?.[name];
    if (definition === undefined) throw new UnresolvableError(`${stack.name} has no condition ${name}`);
    return this.guarded(`${stack.name}/condition ${name}`, () => this.resolveValue(stack, definition) === true);
  }

  private importValue(exportName: string): unknown {
    for (const stack of this.stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export && this.resolve(stack, output.Export.Name) === exportName) return this.resolve(stack, output.Value);
      }
    }
    throw new UnresolvableError(`No stack exports ${exportName}`);
  }

  private sub(stack: StackArtifact, argument: unknown): string {
    const [template, variables = {}] = Array.isArray(argument) ? argument : [argument, {}];
    const values = isObject(variables) ? variables : {};
    return String(template).replace(/\$\{(!?)([^}]*)\}/g, (_, literal: string, expression: string) => {
      if (literal) return `\${${expression}}`;
      if (expression in values) return String(this.resolveValue(stack, values[expression]));
      const dot = expression.indexOf('.');
      const resolved =
        dot > 0 && !expression.startsWith('AWS::')
          ? this.getAtt(stack, expression.slice(0, dot), expression.slice(dot + 1))
          : this.ref(stack, expression);
      return String(resolved);
    });
  }

  /** `{{resolve:ssm:name}}` in a string, as CloudFormation substitutes it at deployment. */
  private dynamicReferences(value: string): string {
    return value.replace(/\{\{resolve:ssm:([^:}]+)(?::\d+)?\}\}/g, (_, name: string) => String(this.ssmParameter(name)));
  }
}
