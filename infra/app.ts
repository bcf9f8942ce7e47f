// CDK entry point (cdk.json: "npx tsx infra/app.ts"). Synthesizes offline: no account lookups, the
// stack is environment-agnostic and deploys to the CLI's account and region.
//
// cdk-nag's AwsSolutions pack runs as a CDK validation plugin: an unacknowledged finding fails
// `cdk synth` (exit code 1) and is listed in cdk.out/policy-validation-report.json. Findings are
// fixed or acknowledged next to the construct they concern, with the reason.

import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { NewsdigestStack } from './stack.js';

const app = new App();

const alarmEmail: unknown = app.node.tryGetContext('alarmEmail');
if (alarmEmail !== undefined && (typeof alarmEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(alarmEmail))) {
  throw new Error(`context alarmEmail must be an email address (cdk deploy -c alarmEmail=you@example.com), got ${JSON.stringify(alarmEmail)}`);
}

// `cdk deploy -c publicDigests=true` (a string from the CLI, a boolean from cdk.json).
const publicDigests: unknown = app.node.tryGetContext('publicDigests') ?? false;
if (![true, false, 'true', 'false'].includes(publicDigests as string | boolean)) {
  throw new Error(`context publicDigests must be true or false (cdk deploy -c publicDigests=true), got ${JSON.stringify(publicDigests)}`);
}

new NewsdigestStack(app, 'Newsdigest', {
  description: 'newsdigest: news URLs to evidence-backed daily digests',
  alarmEmail: alarmEmail as string | undefined,
  publicDigests: publicDigests === true || publicDigests === 'true',
});
Tags.of(app).add('project', 'newsdigest');

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
