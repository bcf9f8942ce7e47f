// Builds the stack the way `cdk synth` does, minus bundling: the feature flags come from cdk.json
// (an App in a test does not read it, and several flags change the template, e.g. how S3 access
// logs are authorised), and 'aws:cdk:bundling-stacks': [] skips esbuild.

import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { cdkJsonContext } from '../../infra/bundles.js';
import { NewsdigestStack, type NewsdigestStackProps } from '../../infra/stack.js';

/**
 * `cfnValidation` runs CDK's built-in CloudFormation schema validation, as `cdk synth` does. It
 * costs several seconds per synthesis on this machine, so only the tests that synthesize the
 * whole app turn it on; the property tests read the same template either way.
 */
export function newApp(options: { cfnValidation?: boolean } = {}): App {
  return new App({
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: options.cfnValidation ?? false,
  });
}

export function buildStack(props: NewsdigestStackProps = {}) {
  const app = newApp();
  const stack = new NewsdigestStack(app, 'Newsdigest', props);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id of an L2 construct's main resource (or of an L1 resource). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: unknown[];
  Condition?: unknown;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every statement of every IAM policy attached to the role with this logical id. */
export function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Record<string, unknown>[] } };
  }[];
  return policies
    .filter((p) => p.Properties.Roles.some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .map((s) => ({
      Effect: s.Effect as Statement['Effect'],
      Action: asArray(s.Action as string | string[]),
      Resource: asArray(s.Resource),
      Condition: s.Condition,
    }));
}

export const allowedActions = (statements: Statement[]) =>
  new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action));

/** Resources a role may use `action` on, as JSON (tokens stay CloudFormation intrinsics). */
export const resourcesFor = (statements: Statement[], action: string) =>
  statements.filter((s) => s.Effect === 'Allow' && s.Action.includes(action)).flatMap((s) => s.Resource.map((r) => JSON.stringify(r)));

/** `<bucket ARN>/<suffix>` as the template writes it. */
export const objectArn = (bucketLogicalId: string, suffix: string) =>
  JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketLogicalId, 'Arn'] }, suffix]] });

export interface ApiMethod {
  /** "GET /digests/{date}", the path rebuilt from the resources' PathParts. */
  route: string;
  properties: Record<string, any>;
}

/** Every API Gateway method of the template, by the route it serves. */
export function apiMethods(template: Template): ApiMethod[] {
  const resources = template.findResources('AWS::ApiGateway::Resource') as Record<string, { Properties: { ParentId: unknown; PathPart: string } }>;
  // A resource id is either a Ref to a Resource or the RestApi's RootResourceId.
  const pathOf = (id: unknown): string => {
    const ref = (id as { Ref?: string }).Ref;
    if (ref === undefined) return '';
    const resource = resources[ref];
    return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
  };
  return Object.values(template.findResources('AWS::ApiGateway::Method')).map((m) => ({
    route: `${m.Properties.HttpMethod} ${pathOf(m.Properties.ResourceId) || '/'}`,
    properties: m.Properties,
  }));
}
