/** Anything routed by a key such as `GET /items/{id}`, `ANY /files/{proxy+}` or `$default`. */
interface Routed {
  readonly routeKey: string;
}

interface CompiledRoute<T extends Routed> {
  readonly route: T;
  readonly method: string;
  /** One entry per path segment: a literal, a `{name}` variable, or a greedy `{name+}` last segment. */
  readonly segments: readonly Segment[];
}

type Segment = { kind: 'literal'; value: string } | { kind: 'variable'; name: string } | { kind: 'greedy'; name: string };

export interface RouteMatch<T extends Routed> {
  readonly route: T;
  readonly pathParameters?: Record<string, string>;
}

const parseSegment = (segment: string): Segment => {
  const variable = /^\{([^}]+?)(\+)?\}$/.exec(segment);
  if (!variable) return { kind: 'literal', value: segment };
  return variable[2] ? { kind: 'greedy', name: variable[1]! } : { kind: 'variable', name: variable[1]! };
};

const splitPath = (path: string) => path.split('/').slice(1);

const compile = <T extends Routed>(route: T): CompiledRoute<T> | undefined => {
  if (route.routeKey === '$default') return undefined;
  const [method, path = '/'] = route.routeKey.split(' ');
  return { route, method: method!.toUpperCase(), segments: splitPath(path).map(parseSegment) };
};

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const matchSegments = (segments: readonly Segment[], parts: string[]): Record<string, string> | undefined => {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      parameters[segment.name] = decode(rest.join('/'));
      return parameters;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' && segment.value !== part) return undefined;
    if (segment.kind === 'variable') {
      if (part === '') return undefined;
      parameters[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? parameters : undefined;
};

/** Literal segments beat variables, variables beat greedy ones, from the left; then a method beats ANY. */
const specificity = (route: CompiledRoute<Routed>) => [
  ...route.segments.map((segment) => ({ literal: 0, variable: 1, greedy: 2 })[segment.kind]),
  route.method === 'ANY' ? 1 : 0,
];

const compareSpecificity = (a: CompiledRoute<Routed>, b: CompiledRoute<Routed>) => {
  const [left, right] = [specificity(a), specificity(b)];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    if (left[index] !== right[index]) return left[index]! - right[index]!;
  }
  return right.length - left.length;
};

/**
 * An HTTP API's routes, matched as API Gateway does: the most specific route wins (full match, then
 * path variables, then a greedy `{proxy+}`, a named method before `ANY`), and `$default` catches the rest.
 */
export class RouteTable<T extends Routed> {
  private readonly routes: CompiledRoute<T>[];
  private readonly fallback?: T;

  constructor(routes: readonly T[]) {
    this.routes = routes
      .map((route) => compile(route))
      .filter((route): route is CompiledRoute<T> => route !== undefined)
      .sort(compareSpecificity);
    this.fallback = routes.find((route) => route.routeKey === '$default');
  }

  match(method: string, path: string): RouteMatch<T> | undefined {
    const parts = splitPath(path);
    for (const candidate of this.routes) {
      if (candidate.method !== 'ANY' && candidate.method !== method.toUpperCase()) continue;
      const parameters = matchSegments(candidate.segments, parts);
      if (parameters) return { route: candidate.route, pathParameters: Object.keys(parameters).length ? parameters : undefined };
    }
    return this.fallback && { route: this.fallback };
  }
}
