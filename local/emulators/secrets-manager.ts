import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonFile, writeJsonFile } from '../json-file';

/**
 * A small Secrets Manager that speaks the service's JSON 1.1 wire protocol: enough for the SDK's
 * CreateSecret, GetSecretValue, PutSecretValue, DescribeSecret, UpdateSecretVersionStage and
 * RotateSecret, with version stages and rotation as the real service runs them. No npm package
 * emulates Secrets Manager without Docker, hence this adapter.
 */

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
/** Invokes a rotation function, as Secrets Manager invokes Lambda, once per step. */
export type RotationInvoker = (
  lambdaArn: string,
  event: { Step: RotationStep; SecretId: string; ClientRequestToken: string },
) => Promise<void>;

interface Version {
  readonly id: string;
  value?: string;
  stages: Set<string>;
  readonly createdDate: number;
}

interface StoredSecret {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly createdDate: number;
  readonly versions: Map<string, Version>;
  rotationLambdaArn?: string;
  rotationRules?: unknown;
}

export class SecretsManagerError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (what: string) =>
  new SecretsManagerError('ResourceNotFoundException', `Secrets Manager can't find ${what}.`);
const invalid = (message: string) => new SecretsManagerError('InvalidParameterException', message);
const now = () => Date.now() / 1000;

type Request = Record<string, unknown>;

export class SecretsManagerState {
  private readonly secrets = new Map<string, StoredSecret>();

  /** Called after every change (to keep the state across restarts). */
  onChange = (): void => undefined;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly invokeRotation?: RotationInvoker,
  ) {}

  private find(secretId: unknown): StoredSecret {
    const secret = this.lookUp(String(secretId ?? ''));
    if (!secret) throw notFound('the specified secret');
    return secret;
  }

  /** A secret by its name, ARN or partial ARN (without the random suffix), as Secrets Manager accepts. */
  private lookUp(id: string): StoredSecret | undefined {
    return this.secrets.get(id) ?? [...this.secrets.values()].find((candidate) => candidate.arn === id || candidate.arn.slice(0, -7) === id);
  }

  /** Every secret, its versions and stages, as plain data (for keeping them across restarts). */
  snapshot(): unknown {
    return [...this.secrets.values()].map((secret) => ({
      ...secret,
      versions: [...secret.versions.values()].map((version) => ({ ...version, stages: [...version.stages] })),
    }));
  }

  /** Takes back what `snapshot` gave. */
  restore(snapshot: unknown): void {
    for (const saved of snapshot as (Omit<StoredSecret, 'versions'> & { versions: (Omit<Version, 'stages'> & { stages: string[] })[] })[]) {
      const versions = new Map(saved.versions.map((version) => [version.id, { ...version, stages: new Set(version.stages) }]));
      this.secrets.set(saved.name, { ...saved, versions });
    }
  }

  /** The ARN of the secret a call names (for IAM), if it exists. */
  arnOf(secretId: string): string | undefined {
    return this.lookUp(secretId)?.arn;
  }

  private versionWithStage(secret: StoredSecret, stage: string): Version | undefined {
    return [...secret.versions.values()].find((version) => version.stages.has(stage));
  }

  /** Moves a stage to a version; AWSCURRENT leaving a version leaves AWSPREVIOUS behind, as in AWS. */
  private moveStage(secret: StoredSecret, stage: string, to: Version) {
    const from = this.versionWithStage(secret, stage);
    if (from === to) return;
    if (from) from.stages.delete(stage);
    if (stage === 'AWSCURRENT' && from) {
      this.versionWithStage(secret, 'AWSPREVIOUS')?.stages.delete('AWSPREVIOUS');
      from.stages.add('AWSPREVIOUS');
    }
    to.stages.add(stage);
  }

  private addVersion(secret: StoredSecret, id: string, value: string | undefined, stages: string[]): Version {
    const version: Version = { id, value, stages: new Set(), createdDate: now() };
    secret.versions.set(id, version);
    for (const stage of stages) this.moveStage(secret, stage, version);
    this.dropUnlabelledVersions(secret);
    return version;
  }

  private dropUnlabelledVersions(secret: StoredSecret) {
    for (const [id, version] of secret.versions) if (version.stages.size === 0) secret.versions.delete(id);
  }

  CreateSecret(request: Request) {
    const name = String(request.Name ?? '');
    if (!name) throw invalid('Name is required.');
    if (this.secrets.has(name)) {
      throw new SecretsManagerError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    }
    const arn = `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${name}-${randomBytes(3).toString('hex')}`;
    const secret: StoredSecret = {
      arn,
      name,
      description: request.Description as string | undefined,
      createdDate: now(),
      versions: new Map(),
    };
    this.secrets.set(name, secret);
    const versionId = String(request.ClientRequestToken ?? randomUUID());
    if (request.SecretString !== undefined) this.addVersion(secret, versionId, String(request.SecretString), ['AWSCURRENT']);
    this.onChange();
    return { ARN: arn, Name: name, VersionId: request.SecretString === undefined ? undefined : versionId };
  }

  GetSecretValue(request: Request) {
    const secret = this.find(request.SecretId);
    const stage = request.VersionId ? (request.VersionStage as string | undefined) : String(request.VersionStage ?? 'AWSCURRENT');
    const version = request.VersionId ? secret.versions.get(String(request.VersionId)) : this.versionWithStage(secret, stage!);
    if (!version || version.value === undefined || (stage && !version.stages.has(stage))) {
      throw notFound(`a secret value for ${stage ?? 'that version'}`);
    }
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.id,
      SecretString: version.value,
      VersionStages: [...version.stages],
      CreatedDate: version.createdDate,
    };
  }

  PutSecretValue(request: Request) {
    const secret = this.find(request.SecretId);
    const versionId = String(request.ClientRequestToken ?? randomUUID());
    const stages = (request.VersionStages as string[] | undefined) ?? ['AWSCURRENT'];
    const existing = secret.versions.get(versionId);
    if (existing?.value !== undefined) {
      if (existing.value !== request.SecretString) {
        throw new SecretsManagerError('ResourceExistsException', `A version with id ${versionId} already exists.`);
      }
    } else if (existing) {
      existing.value = String(request.SecretString);
      for (const stage of stages) this.moveStage(secret, stage, existing);
    } else {
      this.addVersion(secret, versionId, String(request.SecretString), stages);
    }
    this.onChange();
    return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: stages };
  }

  DescribeSecret(request: Request) {
    const secret = this.find(request.SecretId);
    return {
      ARN: secret.arn,
      Name: secret.name,
      Description: secret.description,
      CreatedDate: secret.createdDate,
      RotationEnabled: secret.rotationLambdaArn !== undefined,
      RotationLambdaARN: secret.rotationLambdaArn,
      RotationRules: secret.rotationRules,
      VersionIdsToStages: Object.fromEntries([...secret.versions].map(([id, version]) => [id, [...version.stages]])),
    };
  }

  UpdateSecretVersionStage(request: Request) {
    const secret = this.find(request.SecretId);
    const stage = String(request.VersionStage);
    if (request.RemoveFromVersionId) {
      const holder = this.versionWithStage(secret, stage);
      if (holder && holder.id !== request.RemoveFromVersionId) {
        throw invalid(`The staging label ${stage} is attached to version ${holder.id}, not ${String(request.RemoveFromVersionId)}.`);
      }
    }
    if (request.MoveToVersionId) {
      const target = secret.versions.get(String(request.MoveToVersionId));
      if (!target) throw notFound(`version ${String(request.MoveToVersionId)}`);
      this.moveStage(secret, stage, target);
    } else if (request.RemoveFromVersionId) {
      secret.versions.get(String(request.RemoveFromVersionId))?.stages.delete(stage);
    }
    this.dropUnlabelledVersions(secret);
    this.onChange();
    return { ARN: secret.arn, Name: secret.name };
  }

  /**
   * Runs a rotation the way Secrets Manager does: a new version id staged AWSPENDING (without a value),
   * then the rotation function's four steps in order. On success the pending label is cleared.
   */
  async RotateSecret(request: Request) {
    const secret = this.find(request.SecretId);
    if (request.RotationLambdaARN) secret.rotationLambdaArn = String(request.RotationLambdaARN);
    if (request.RotationRules) secret.rotationRules = request.RotationRules;
    if (!secret.rotationLambdaArn) throw invalid('No Lambda rotation function ARN is associated with this secret.');
    if (!this.invokeRotation) throw invalid('This emulator was started without a way to invoke rotation functions.');
    const token = String(request.ClientRequestToken ?? randomUUID());
    if (request.RotateImmediately === false) return { ARN: secret.arn, Name: secret.name };

    const pending = this.versionWithStage(secret, 'AWSPENDING');
    if (pending && pending.id !== token) pending.stages.delete('AWSPENDING');
    this.dropUnlabelledVersions(secret);
    if (!secret.versions.has(token)) secret.versions.set(token, { id: token, stages: new Set(['AWSPENDING']), createdDate: now() });

    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
      await this.invokeRotation(secret.rotationLambdaArn, { Step: step, SecretId: secret.arn, ClientRequestToken: token });
    }
    secret.versions.get(token)?.stages.delete('AWSPENDING');
    this.dropUnlabelledVersions(secret);
    this.onChange();
    return { ARN: secret.arn, Name: secret.name, VersionId: token };
  }
}

const operations = new Set([
  'CreateSecret',
  'GetSecretValue',
  'PutSecretValue',
  'DescribeSecret',
  'UpdateSecretVersionStage',
  'RotateSecret',
]);

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
};

export interface RunningSecretsManager {
  readonly endpoint: string;
  readonly state: SecretsManagerState;
  stop(): Promise<void>;
}

/** With `stateFile`, the secrets are read from it at start and written to it after every change. */
export const startSecretsManager = async (options: {
  port?: number;
  region?: string;
  accountId?: string;
  invokeRotation?: RotationInvoker;
  stateFile?: string;
}): Promise<RunningSecretsManager> => {
  const state = new SecretsManagerState(options.region ?? 'us-east-1', options.accountId ?? '000000000000', options.invokeRotation);
  const { stateFile } = options;
  if (stateFile) {
    const saved = readJsonFile<unknown>(stateFile);
    if (saved) state.restore(saved);
    state.onChange = () => writeJsonFile(stateFile, state.snapshot());
  }
  const server = createServer(async (request, response) => {
    const operation = String(request.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
    try {
      if (!operations.has(operation)) throw new SecretsManagerError('UnknownOperationException', `Unsupported operation ${operation}.`);
      const input = JSON.parse((await readBody(request)) || '{}') as Request;
      const output = await state[operation as 'CreateSecret'](input);
      reply(response, 200, output);
    } catch (error) {
      if (error instanceof SecretsManagerError) reply(response, 400, { __type: error.type, message: error.message });
      else reply(response, 500, { __type: 'InternalServiceError', message: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
