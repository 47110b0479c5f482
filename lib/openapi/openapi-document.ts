import type { DescMethod } from '@bufbuild/protobuf';
import type { RouteSpec } from '../../functions/shared/http';
import { connectErrorBody, gatewayMessage, type HttpContract, problemDocument, type ResponseContract, type RouteContract } from '../../functions/shared/http-contract';
import * as z from '../../functions/shared/zod';
import { adminScope } from '../platform/platform-contract';
import type { DeclaredRoute } from './declared-routes';
import { type JsonSchema, SchemaComponents } from './json-schemas';
import { messageSchema } from './protobuf-schemas';

export interface DocumentInput {
  readonly routes: DeclaredRoute[];
  /** The services' answers by route key (functions/<service>/http-contract.ts). */
  readonly contracts: HttpContract[];
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers: { readonly url: string; readonly description: string }[];
}

export interface GeneratedDocument {
  readonly document: Record<string, unknown>;
  /** Routes whose answers no contract describes yet: the document admits any 2xx JSON for them. */
  readonly undescribed: string[];
}

const securityScheme = 'bearerAuth';
const defaultMaxBodyBytes = 16 * 1024;
const rpcMediaTypes = ['application/proto', 'application/grpc-web+proto'];
const methodOrder = ['get', 'put', 'post', 'patch', 'delete'];

const lowerCamel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const tagOf = (service: string) => service.charAt(0).toUpperCase() + service.slice(1);

const securityOf = (access: DeclaredRoute['access']) =>
  access === 'public' ? [] : [{ [securityScheme]: access === 'admin' ? [adminScope] : [] }];

/** Answers that follow from how a route is declared, before the contract's own. */
type Answers = Record<string, ResponseContract>;

/** Answers the gateway gives by itself, before any function runs. */
const gatewayResponses = (access: DeclaredRoute['access']): Answers => {
  const answers: Answers = {};
  if (access !== 'public') answers[401] = { description: 'The gateway found no valid access token; no function ran.', body: gatewayMessage, example: { message: 'Unauthorized' } };
  if (access === 'admin') answers[403] = { description: 'The token lacks the `admin` scope; no function ran.', body: gatewayMessage, example: { message: 'Forbidden' } };
  return answers;
};

const undescribedSuccess: ResponseContract = { description: 'Not described yet: add the route to its service’s http-contract.ts.', body: z.unknown() };

class DocumentBuilder {
  readonly components = new SchemaComponents();

  response(answer: ResponseContract): Record<string, unknown> {
    const headers = answer.headers && Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
    return {
      description: answer.description,
      ...(headers && { headers }),
      ...(answer.body && { content: this.content(answer.body, answer.example) }),
    };
  }

  private content(body: NonNullable<ResponseContract['body']>, example: unknown) {
    if (body === 'problem') return { 'application/problem+json': { schema: this.components.fromZod(problemDocument, 'output') } };
    if (body === 'connect-error') return { 'application/json': { schema: this.components.fromZod(connectErrorBody, 'output') } };
    if (body === 'html') return { 'text/html': { schema: { type: 'string' } } };
    return { 'application/json': { schema: this.components.fromZod(body, 'output'), ...(example !== undefined && { example }) } };
  }

  responses(answers: Answers) {
    return Object.fromEntries(Object.entries(answers).map(([status, answer]) => [status, this.response(answer)]));
  }

  /** Each property of a path or query schema, as a parameter. */
  parameters(schema: z.ZodMiniType | undefined, where: 'path' | 'query') {
    if (!schema) return [];
    const { properties = {}, required = [] } = this.components.fromZod(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(properties).map(([name, property]) => ({ name, in: where, required: where === 'path' || required.includes(name), schema: property }));
  }

  restOperation(route: DeclaredRoute, spec: RouteSpec<z.ZodMiniType, z.ZodMiniType, z.ZodMiniType>, contract: RouteContract | undefined) {
    const parameters = [
      ...this.parameters(spec.path, 'path'),
      ...this.parameters(spec.query, 'query'),
      ...Object.entries(contract?.requestHeaders ?? {}).map(([name, header]) => ({
        name,
        in: 'header',
        required: false,
        description: header.description,
        schema: this.components.fromZod(header.schema, 'input'),
      })),
    ];
    const declared = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const validated = parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name).sort();
    if (JSON.stringify(declared) !== JSON.stringify(validated)) {
      throw new Error(`${route.key}: the route has path parameters ${declared.join(', ') || 'none'}, its handler validates ${validated.join(', ') || 'none'}`);
    }
    const answers: Answers = {};
    if (spec.body || spec.query || spec.path) answers[400] = { description: 'The request is not valid: `errors` points at each invalid field.', body: 'problem' };
    if (spec.body) {
      answers[413] = { description: `The body is larger than ${spec.maxBodyBytes ?? defaultMaxBodyBytes} bytes.`, body: 'problem' };
      answers[415] = { description: 'The body is not `application/json`.', body: 'problem' };
    }
    Object.assign(answers, gatewayResponses(route.access), contract ? contract.responses : { '2XX': undescribedSuccess });
    return {
      ...(parameters.length > 0 && { parameters }),
      ...(spec.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: this.components.fromZod(spec.body, 'input'), ...(contract?.requestExample !== undefined && { example: contract.requestExample }) } },
        },
      }),
      responses: this.responses(answers),
    };
  }

  rpcOperation(route: DeclaredRoute, method: DescMethod, contract: RouteContract | undefined) {
    const messages = (typeName: string, schema: JsonSchema, example: unknown) => ({
      'application/json': { schema, ...(example !== undefined && { example }) },
      ...Object.fromEntries(rpcMediaTypes.map((mediaType) => [mediaType, { 'x-protobuf-message': typeName }])),
    });
    const { 200: success, ...errors } = contract?.responses ?? {};
    const answers: Answers = {
      400: { description: '`invalid_argument`: the message is not valid (the message names each invalid field).', body: 'connect-error' },
      ...gatewayResponses(route.access),
      415: { description: 'Not a content type of the Connect protocol or gRPC-Web (gRPC itself needs HTTP/2 end to end).' },
      429: { description: '`resource_exhausted`: the message is larger than 16 KiB.', body: 'connect-error' },
      ...errors,
    };
    return {
      description: [
        `Unary RPC \`${method.parent.typeName}/${method.name}\` (proto/${method.parent.file.name}.proto), over the Connect protocol (\`application/json\`, \`application/proto\`) or gRPC-Web (\`application/grpc-web+proto\`).`,
        contract?.description,
      ]
        .filter(Boolean)
        .join(' '),
      parameters: [
        { name: 'Connect-Protocol-Version', in: 'header', required: false, description: 'Connect clients send `1`.', schema: { type: 'string', const: '1' } },
        { name: 'Connect-Timeout-Ms', in: 'header', required: false, description: 'How long the client waits, in milliseconds.', schema: { type: 'integer', minimum: 1 } },
      ],
      requestBody: { required: true, content: messages(method.input.typeName, messageSchema(this.components, method.input), contract?.requestExample) },
      responses: {
        200: {
          description: `${success?.description ?? 'The answer.'} A gRPC-Web answer is a 200 even for an error: its status is in the trailer frame (\`grpc-status\`, \`grpc-message\`).`,
          content: messages(method.output.typeName, messageSchema(this.components, method.output), success?.example),
        },
        ...this.responses(answers),
      },
    };
  }
}

/** The OpenAPI 3.1 document of the routes the app declares, from their handlers' schemas and the services' contracts. */
export const openApiDocument = (input: DocumentInput): GeneratedDocument => {
  const contracts: Record<string, RouteContract> = {};
  for (const contract of input.contracts) {
    for (const [key, route] of Object.entries(contract)) {
      if (contracts[key]) throw new Error(`Two contracts describe ${key}`);
      contracts[key] = route;
    }
  }
  const routeKeys = new Set(input.routes.map((route) => route.key));
  const unknown = Object.keys(contracts).filter((key) => !routeKeys.has(key));
  if (unknown.length > 0) throw new Error(`Contracts describe routes the app does not declare: ${unknown.join(', ')}`);

  const builder = new DocumentBuilder();
  const paths: Record<string, Record<string, unknown>> = {};
  const undescribed: string[] = [];
  const sorted = [...input.routes].sort((a, b) => a.path.localeCompare(b.path) || methodOrder.indexOf(a.method.toLowerCase()) - methodOrder.indexOf(b.method.toLowerCase()));
  for (const route of sorted) {
    const contract = contracts[route.key];
    if (!contract) undescribed.push(route.key);
    const { rpcMethod, routeSpec } = route.handler;
    const operation = rpcMethod ? builder.rpcOperation(route, rpcMethod, contract) : routeSpec ? builder.restOperation(route, routeSpec, contract) : undefined;
    if (!operation) throw new Error(`${route.key}: its handler is neither an httpRoute nor an rpcHandler, so nothing describes its requests`);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: lowerCamel(route.functionId),
      summary: contract?.summary ?? route.key,
      ...(contract?.description && !rpcMethod && { description: contract.description }),
      tags: [tagOf(route.service)],
      security: securityOf(route.access),
      ...operation,
    };
  }
  const tags = [...new Set(sorted.map((route) => tagOf(route.service)))].sort().map((name) => ({ name, description: `The ${name} service.` }));
  const schemas = Object.fromEntries([...builder.components.schemas].sort(([a], [b]) => a.localeCompare(b)));
  const document = {
    openapi: '3.1.0',
    info: { ...input.info, license: { name: 'MIT-0', identifier: 'MIT-0' } },
    servers: input.servers,
    tags,
    paths,
    components: {
      schemas,
      securitySchemes: {
        [securityScheme]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `An access token from POST /auth/login. Admin routes need the \`${adminScope}\` scope, which admins' tokens carry.`,
        },
      },
    },
  };
  return { document, undescribed };
};
