// cdk-nag's AwsSolutions pack over the stack, in-process. cdk-nag 3 is a CDK validation plugin:
// `validateScope` returns its report ({ success, violations }), and an App with the plugin
// registered throws ValidationFailed from synth() when a violation is left (what makes
// `cdk synth` exit 1).

import { Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { NewsdigestStack } from '../../infra/stack.js';
import { buildStack, newApp } from './build.js';

type Report = ReturnType<AwsSolutionsChecks['validateScope']>;

const listViolations = (report: Report) =>
  report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`));

/** The findings with every acknowledgement ignored: what the stack would report without them. */
function unacknowledgedFindings(scope: IConstruct): Report {
  // cdk-nag has no public switch for this; its private isAcknowledged is the one hook. Fail loudly
  // if an upgrade renames it rather than silently checking nothing.
  expect(typeof (NagPack.prototype as unknown as Record<string, unknown>).isAcknowledged).toBe('function');
  const pack = new AwsSolutionsChecks();
  Object.assign(pack, { isAcknowledged: () => false });
  return pack.validateScope(scope);
}

function acknowledgements(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>)
      .map(([id, reason]) => ({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason }))));
}

describe('cdk-nag AwsSolutions checks', () => {
  it('leave no unacknowledged finding, error or warning', () => {
    const { stack } = buildStack();
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(listViolations(report)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledge only findings that exist, each one specifically and with a written reason', () => {
    const { stack } = buildStack();
    const raw = unacknowledgedFindings(stack);
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      // A bare IAM5 would acknowledge every wildcard of the construct, present and future.
      expect(ack.id, ack.path).not.toBe('AwsSolutions-IAM5');
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(60);
      const covered = raw.violations
        .filter((v) => v.ruleName === ack.id)
        .flatMap((v) => v.violatingResources)
        .filter((r) => r.constructPath === ack.path || r.constructPath?.startsWith(`${ack.path}/`));
      expect(covered.length, `stale acknowledgement ${ack.id} at ${ack.path}`).toBeGreaterThan(0);
    }
  });

  it('find real problems (the check is not vacuous) and fail synth on them', () => {
    const app = newApp();
    const stack = new Stack(app, 'Careless');
    new s3.Bucket(stack, 'Bucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(listViolations(new AwsSolutionsChecks().validateScope(stack)).join('\n')).toMatch(/AwsSolutions-S1 .*AwsSolutions-S10/s);
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  it('let the app synthesize with the checks registered as infra/app.ts does', () => {
    const app = newApp({ cfnValidation: true });
    new NewsdigestStack(app, 'Newsdigest');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    expect(() => app.synth()).not.toThrow();
  });
});
