// The link-signing key from Secrets Manager, fetched on first use and kept for the life of the
// Lambda container (a cold start pays one call; nothing is read at module load).

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export function secretFromSecretsManager(secretArn: string, client = new SecretsManagerClient({})): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () => (value ??= client.send(new GetSecretValueCommand({ SecretId: secretArn })).then((out) => {
    if (!out.SecretString) throw new Error(`secret ${secretArn} has no string value`);
    return out.SecretString;
  }).catch((err) => {
    value = undefined; // a failed fetch is retried on the next request
    throw err;
  }));
}
