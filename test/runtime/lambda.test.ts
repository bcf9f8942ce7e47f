// The Lambda side of the one wiring: Powertools' logger and metrics as a deployed function emits
// them (read from standard output, as CloudWatch Logs receives them), and the link secret's sources.

import { mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localLinkSecret } from '../../local/runtime.js';
import { SecretFileProvider } from '../../local/secret-file-provider.js';
import { loadConfig } from '../../shared/config.js';
import { createLogger, terminalLine } from '../../shared/log.js';
import { lambdaHandler, lambdaRuntime, linkSecretFrom } from '../../shared/runtime/lambda.js';

const ENV = {
  TABLE_NAME: 't', BUCKET_NAME: 'b', FETCH_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/1/fetch', AWS_REGION: 'us-east-1',
  POWERTOOLS_SERVICE_NAME: 'newsdigest-ingest', POWERTOOLS_METRICS_NAMESPACE: 'newsdigest-test', POWERTOOLS_LOG_LEVEL: 'INFO',
};

const context = (requestId: string) => ({
  functionName: 'newsdigest-Ingest', awsRequestId: requestId, functionVersion: '$LATEST', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:newsdigest-Ingest',
}) as unknown as Context;

/** Every JSON line written to standard output while `run` runs. */
async function stdoutLines(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { lines.push(String(chunk)); return true; });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

const emf = (lines: Record<string, unknown>[]) => lines.filter((l) => '_aws' in l) as ({ _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] } } & Record<string, unknown>)[];

describe('a handler wrapped for Lambda', () => {
  afterEach(() => { vi.restoreAllMocks(); vi.unstubAllEnvs(); });

  it('logs JSON with the service, cold start and request id, and flushes the invocation\'s metrics as EMF', async () => {
    // Lambda sets this; Powertools reports a cold start only for on-demand containers.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const runtime = lambdaRuntime('ingest', ENV);
    let builds = 0;
    const handler = lambdaHandler(runtime, (platform) => {
      builds++;
      return async (event: { n: number }) => {
        platform.log.child({ articleId: 'a1' }).info('worked', { n: event.n });
        platform.metrics.count('ArticlesIngested', event.n);
        platform.metrics.count('ArticlesFailed', 1, { stage: 'ingest', reason: 'InvalidUrlError' });
        return event.n * 2;
      };
    });

    const first = await stdoutLines(async () => expect(await handler({ n: 3 }, context('req-1'))).toBe(6));
    const log = first.find((l) => l.message === 'worked');
    expect(log).toMatchObject({
      level: 'INFO', service: 'newsdigest-ingest', cold_start: true, function_request_id: 'req-1', articleId: 'a1', n: 3,
    });
    const metrics = emf(first);
    const namespaces = new Set(metrics.flatMap((m) => m._aws.CloudWatchMetrics.map((c) => c.Namespace)));
    expect([...namespaces]).toEqual(['newsdigest-test']);
    const aggregated = metrics.find((m) => 'ArticlesIngested' in m);
    expect(aggregated).toMatchObject({ ArticlesIngested: 3, service: 'newsdigest-ingest' });
    // A point with dimensions is a line of its own, with those dimensions declared.
    const failed = metrics.find((m) => 'ArticlesFailed' in m);
    expect(failed).toMatchObject({ ArticlesFailed: 1, stage: 'ingest', reason: 'InvalidUrlError' });
    expect(failed?._aws.CloudWatchMetrics[0].Dimensions[0]).toEqual(expect.arrayContaining(['stage', 'reason']));
    // No ColdStart metric (a custom metric per function, billed monthly): the log line says cold_start.
    expect(metrics.some((m) => 'ColdStart' in m)).toBe(false);

    const second = await stdoutLines(() => handler({ n: 1 }, context('req-2')));
    expect(second.find((l) => l.message === 'worked')).toMatchObject({ cold_start: false, function_request_id: 'req-2' });
    expect(emf(second).find((m) => 'ArticlesIngested' in m)).toMatchObject({ ArticlesIngested: 1 });
    expect(builds).toBe(1);
  });

  it('turns a configuration error into the invocation\'s error, naming the variable', async () => {
    const runtime = lambdaRuntime('ingest', { POWERTOOLS_LOG_LEVEL: 'SILENT' });
    const handler = lambdaHandler(runtime, () => async () => 'never');
    await expect(handler({}, context('req-3'))).rejects.toThrow(/TABLE_NAME/);
  });

  it('gives a function only the queues it was configured with', () => {
    const platform = lambdaRuntime('ingest', ENV).platform();
    expect(() => platform.queues.fetch()).not.toThrow();
    expect(() => platform.queues.process()).toThrow(/PROCESS_QUEUE_URL is not set/);
  });
});

describe('the link-signing secret', () => {
  const ARN = 'arn:aws:secretsmanager:us-east-1:1:secret:link';
  const withArn = loadConfig({ ...ENV, LINK_SECRET_ARN: ARN });

  /** A Secrets Manager client answering GetSecretValue from `versions` (by stage), as the service does. */
  function fakeSecretsManager(versions: Record<string, string>) {
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const asked: string[] = [];
    vi.spyOn(client, 'send').mockImplementation(async (command: unknown) => {
      const input = (command as GetSecretValueCommand).input;
      const stage = input.VersionStage ?? 'AWSCURRENT';
      asked.push(stage);
      if (input.SecretId !== ARN) throw new Error(`unexpected secret ${input.SecretId}`);
      const value = versions[stage];
      if (value === undefined) {
        throw new ResourceNotFoundException({ message: `Secrets Manager can't find the specified secret value for staging label: ${stage}`, $metadata: {} });
      }
      return { SecretString: value };
    });
    return { provider: () => new SecretsProvider({ awsSdkV3Client: client }), asked };
  }

  afterEach(() => { vi.restoreAllMocks(); });

  it('comes from Secrets Manager by ARN through the provider, with the TTL: AWSCURRENT signs, AWSPREVIOUS still verifies', async () => {
    const asked: { name: string; maxAge: number; stage?: string }[] = [];
    const secrets = linkSecretFrom(withArn, () => ({
      get: async (name, options) => {
        asked.push({ name, maxAge: options.maxAge, stage: options.sdkOptions?.VersionStage });
        return options.sdkOptions?.VersionStage === 'AWSPREVIOUS' ? 'the-previous-value' : 'the-current-value';
      },
    }));
    expect(await secrets()).toEqual({ current: 'the-current-value', previous: 'the-previous-value' });
    expect(asked).toEqual(expect.arrayContaining([{ name: ARN, maxAge: 300, stage: undefined }, { name: ARN, maxAge: 300, stage: 'AWSPREVIOUS' }]));
    expect(asked).toHaveLength(2);
  });

  it('reads each version stage through its own Powertools provider (its cache knows names, not stages)', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: 'the-current-value-0123456789', AWSPREVIOUS: 'the-previous-value-0123456789' });
    const secrets = linkSecretFrom(withArn, sm.provider);
    expect(await secrets()).toEqual({ current: 'the-current-value-0123456789', previous: 'the-previous-value-0123456789' });
    expect(await secrets()).toEqual({ current: 'the-current-value-0123456789', previous: 'the-previous-value-0123456789' });
    // Both cached for the TTL.
    expect(sm.asked.sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
  });

  it('has no previous one for a secret never rotated, and does not ask again on every request', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: 'the-current-value-0123456789' });
    const secrets = linkSecretFrom(withArn, sm.provider);
    expect(await secrets()).toEqual({ current: 'the-current-value-0123456789' });
    expect(await secrets()).toEqual({ current: 'the-current-value-0123456789' });
    expect(sm.asked.sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
  });

  it('fails on any other error of Secrets Manager, for either version', async () => {
    const denied = linkSecretFrom(withArn, () => ({
      get: async (_name, options) => {
        if (options.sdkOptions?.VersionStage) throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
        return 'the-current-value';
      },
    }));
    await expect(denied()).rejects.toThrow(/not authorized/);
    const sm = fakeSecretsManager({ AWSPREVIOUS: 'the-previous-value-0123456789' });
    await expect(linkSecretFrom(withArn, sm.provider)()).rejects.toThrow(/AWSCURRENT/);
  });

  it('says what is missing when neither an ARN nor a value is configured', async () => {
    await expect(linkSecretFrom(loadConfig(ENV), () => { throw new Error('not used'); })()).rejects.toThrow(/LINK_SECRET_ARN is not set/);
    expect(await linkSecretFrom(loadConfig({ ...ENV, NEWSDIGEST_LINK_SECRET: 'x'.repeat(32) }), () => { throw new Error('not used'); })()).toEqual({ current: 'x'.repeat(32) });
  });

  it('is generated once into the local data folder, private to its owner, and read through the provider', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'newsdigest-secret-'));
    const secrets = localLinkSecret(dir, {});
    const file = join(dir, 'link-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { current: value, previous } = await secrets();
    expect(value).toBe(readFileSync(file, 'utf8').trim());
    expect(value.length).toBeGreaterThanOrEqual(40);
    expect(previous).toBeUndefined();
    // Kept for the TTL, as a warm Lambda keeps Secrets Manager's value.
    writeFileSync(file, 'rotated-secret-value-rotated-secret\n');
    expect((await secrets()).current).toBe(value);
    // A provider whose cache has expired reads the rotated one.
    expect(await new SecretFileProvider().get(file, { maxAge: 0 })).toBe('rotated-secret-value-rotated-secret');
  });

  it('is rotated locally by moving link-secret to link-secret.previous: a new current is generated on start', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'newsdigest-secret-'));
    const before = (await localLinkSecret(dir, {})()).current;
    renameSync(join(dir, 'link-secret'), join(dir, 'link-secret.previous'));
    const after = await localLinkSecret(dir, {})();
    expect(after.previous).toBe(before);
    expect(after.current).not.toBe(before);
    expect(after.current).toBe(readFileSync(join(dir, 'link-secret'), 'utf8').trim());
  });
});

describe('terminal logs', () => {
  it('print one readable line per entry with the fields as key=value, without Lambda\'s keys', () => {
    const lines: string[] = [];
    const log = createLogger({ runtime: 'local' }, { level: 'info', format: 'terminal', write: (l) => lines.push(l) });
    log.child({ articleId: 'ab12' }).warn('stage failed', { code: 'FetchResponseError', reason: 'HTTP 404 from the site' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}WARN {3}stage failed {2}runtime=local {2}articleId=ab12 {2}code=FetchResponseError {2}reason="HTTP 404 from the site"$/);
    expect(terminalLine({ level: 'INFO', message: 'm', timestamp: '2026-12-02T10:11:12.000Z', service: 's', n: 2 })).toBe('10:11:12  INFO   m  n=2');
  });

  it('stay silent below the level', () => {
    const lines: string[] = [];
    createLogger({}, { level: 'warn', format: 'terminal', write: (l) => lines.push(l) }).info('quiet');
    expect(lines).toEqual([]);
  });
});
