import type { SecretSpec } from '../assembly/app-model';
import type { SecretsManagerState } from '../emulators/secrets-manager';
import { type GenerateSecretString, generateSecretString } from './generate-secret-string';

/** Creates the secret with its initial value, as CloudFormation does; returns its ARN. */
export const createSecret = (state: SecretsManagerState, secret: SecretSpec): string => {
  const value = secret.secretString ?? (secret.generate ? generateSecretString(secret.generate as GenerateSecretString) : undefined);
  const { ARN } = state.CreateSecret({ Name: secret.name, Description: secret.description, SecretString: value });
  return ARN;
};
