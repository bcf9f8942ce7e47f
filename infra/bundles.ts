// The Lambda bundles as `cdk deploy` would upload them: the stack synthesised with bundling on
// (esbuild, the functions' own options and data files) into a folder, and for each function its
// asset folder and environment. Used by the test that loads every bundle and by npm run bench's
// cold-start figure; not part of the app.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { NewsdigestStack } from './stack.js';

export interface FunctionBundle {
  /** The function's logical id in the template, e.g. FunctionsProcessFunction1234ABCD. */
  logicalId: string;
  /** The asset folder: index.mjs and its data files. */
  dir: string;
  /** The function's environment variables; values CloudFormation resolves at deploy time become `cfn:<logical id>`. */
  environment: Record<string, string>;
}

/** cdk.json's feature flags: an App made in code does not read cdk.json. */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;
}

interface TemplateFunction {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties: { Environment?: { Variables?: Record<string, unknown> } };
}

function resolvedLater(value: unknown): string {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: string; 'Fn::GetAtt'?: string[] }).Ref ?? (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0];
  return `cfn:${ref ?? 'value'}`;
}

/** Synthesises the stack with bundling into `outdir` (a few seconds per function). */
export function synthBundles(outdir: string): FunctionBundle[] {
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true } });
  new NewsdigestStack(app, 'Newsdigest', {});
  const assembly = app.synth();
  const template = JSON.parse(readFileSync(join(assembly.directory, 'Newsdigest.template.json'), 'utf8')) as { Resources: Record<string, TemplateFunction> };
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && typeof r.Metadata?.['aws:asset:path'] === 'string')
    .map(([logicalId, r]) => ({
      logicalId,
      dir: join(assembly.directory, r.Metadata!['aws:asset:path'] as string),
      environment: Object.fromEntries(Object.entries(r.Properties.Environment?.Variables ?? {}).map(([k, v]) => [k, resolvedLater(v)])),
    }));
}
