// The local stand-in for Secrets Manager (there is no emulator): a Powertools Parameters provider
// that reads a secret from a file, with the same cache and maxAge as the Lambda's SecretsProvider,
// so a secret replaced on disk is picked up by a running `npm start` as a rotated one is on AWS.

import { readFile } from 'node:fs/promises';
import { BaseProvider } from '@aws-lambda-powertools/parameters/base';

export class SecretFileProvider extends BaseProvider {
  constructor() {
    super({});
  }

  /** `name` is the file's path; the value is its content without the trailing newline. */
  protected async _get(name: string): Promise<string> {
    return (await readFile(name, 'utf8')).trim();
  }

  protected async _getMultiple(): Promise<Record<string, unknown> | undefined> {
    throw new Error('SecretFileProvider reads one secret at a time');
  }
}
