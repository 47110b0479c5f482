import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionUrlSpec } from '../assembly/app-model';
import { accountOfArn } from '../front-door/callers';
import { withCors } from './cors';
import { functionUrlResponses } from './gateway-responses';
import type { GatewayRequest } from './http-request';
import type { Invoker } from './invoker';
import { LoopbackEndpoint } from './loopback-endpoint';
import { fromPayloadV2, payloadV2Event } from './payload-v2';
import { type AccessLogEntry, type Handled, serveRequest } from './serving';
import { type CredentialLookup, verifySigV4 } from './sigv4';

/** What an `AWS_IAM` function URL asks before it invokes the function: may this principal do this? */
export interface FunctionUrlAuthorizationRequest {
  /** The signer, as the credentials that signed the request name it. */
  readonly principalArn: string;
  readonly accessKeyId: string;
  /** Asked once for each: a function URL needs both since October 2025. */
  readonly action: 'lambda:InvokeFunctionUrl' | 'lambda:InvokeFunction';
  readonly functionArn: string;
}

/** Decides an `AWS_IAM` function URL request whose signature is valid (the IAM evaluator plugs in here). */
export type FunctionUrlAuthorizer = (request: FunctionUrlAuthorizationRequest) => Promise<'allow' | 'deny'> | 'allow' | 'deny';

export interface FunctionUrlOptions {
  readonly accountId: string;
  readonly region: string;
  readonly invoker: Invoker;
  /** The secrets of the access keys the runtime knows, for SigV4. */
  readonly credentials: CredentialLookup;
  readonly authorize: FunctionUrlAuthorizer;
  readonly onAccess: (url: { readonly name: string }, entry: AccessLogEntry) => void;
}

/** Lambda takes invocation payloads up to 6 MB. */
const maxBodyBytes = 6 * 1024 * 1024;

/**
 * One Lambda function URL on a local port of its own: CORS as configured (preflights answered by
 * Lambda), auth type NONE when the function's resource policy allows it, or AWS_IAM (a SigV4-signed
 * request, then the authorization callback), the payload format 2.0 event with the function URL's
 * `requestContext`, and the response mapped back as Lambda maps it (502 when the function fails).
 */
export class FunctionUrlServer extends LoopbackEndpoint<FunctionUrlSpec> {
  private constructor(
    spec: FunctionUrlSpec,
    private readonly options: FunctionUrlOptions,
  ) {
    super(spec);
  }

  static listen(spec: FunctionUrlSpec, port: number, options: FunctionUrlOptions): Promise<FunctionUrlServer> {
    return new FunctionUrlServer(spec, options).open(port);
  }

  protected serve(message: IncomingMessage, out: ServerResponse) {
    const requestId = randomUUID();
    return serveRequest(message, out, {
      requestId,
      maxBodyBytes,
      tooLarge: functionUrlResponses.payloadTooLarge,
      failure: functionUrlResponses.functionError,
      headers: { 'x-amzn-requestid': requestId },
      handle: withCors(this.spec.cors, (request) => this.handle(request)),
      onAccess: (entry) => this.options.onAccess({ name: this.spec.key }, entry),
    });
  }

  /** The caller, for `requestContext.authorizer.iam`; or the response that refuses the request. */
  private async authenticate(request: GatewayRequest): Promise<{ iam?: Record<string, unknown>; refused?: Handled }> {
    if (this.spec.authType === 'NONE') {
      return this.spec.publicAccess
        ? {}
        : { refused: { response: functionUrlResponses.forbidden(), reason: "the function's resource policy does not allow public invocation through its URL" } };
    }
    const verification = await verifySigV4(request, { service: 'lambda', region: this.options.region }, this.options.credentials);
    if (!verification.valid) {
      const response = verification.signed ? functionUrlResponses.invalidSignature(verification.message) : functionUrlResponses.forbidden();
      return { refused: { response, reason: `AWS_IAM: ${verification.message}` } };
    }
    const { principalArn } = verification.credentials;
    for (const action of ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'] as const) {
      const decision = await this.options.authorize({ principalArn, accessKeyId: verification.accessKeyId, action, functionArn: this.spec.functionArn });
      if (decision !== 'allow') return { refused: { response: functionUrlResponses.forbidden(), reason: `AWS_IAM: ${principalArn} may not ${action} on ${this.spec.functionArn}` } };
    }
    const callerId = principalArn.split('/').slice(1).join(':') || principalArn;
    return {
      iam: {
        accessKey: verification.accessKeyId,
        accountId: accountOfArn(principalArn),
        callerId,
        cognitoIdentity: null,
        principalOrgId: null,
        userArn: principalArn,
        userId: callerId,
      },
    };
  }

  private async handle(request: GatewayRequest): Promise<Handled> {
    const { iam, refused } = await this.authenticate(request);
    if (refused) return refused;
    const event = payloadV2Event(request, {
      accountId: this.spec.authType === 'NONE' ? 'anonymous' : this.options.accountId,
      apiId: this.spec.urlId,
      routeKey: '$default',
      ...(iam && { authorizer: { iam } }),
    });
    const { outcome } = await this.options.invoker.invoke(this.spec.functionArn, event);
    if (!outcome.ok) {
      const { errorType, errorMessage } = outcome.error;
      const response = errorType === 'TooManyRequestsException' ? functionUrlResponses.throttled() : functionUrlResponses.functionError();
      return { response, reason: `function error ${errorType}: ${errorMessage}` };
    }
    const response = fromPayloadV2(outcome.payload);
    return response ? { response } : { response: functionUrlResponses.functionError(), reason: 'malformed response' };
  }
}
