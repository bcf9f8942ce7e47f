// The REST API, generated from the route table in shared/http/routes.ts (which the local HTTP
// server reads too), so the stack and the table cannot drift apart; the POST /ingest body model
// comes from the OpenAPI document (shared/http/openapi.ts), so the validation and the document agree.
//
// Access model: every method requires an API key, and the key's usage plan bounds what a caller
// can do (rate, burst, daily quota); the stage bounds everyone together. The exception is the
// table's `public` routes (GET /public/digests/{date} and /public/digests.atom): a browser or feed
// reader cannot send the key, so API Gateway lets the request through and the read function serves it only with a valid signed,
// expiring link (or when digests were made public on purpose, PUBLIC_DIGESTS=true). Those methods
// are GET-only and have their own stage throttle. No CORS preflight.

import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ingestRequestOpenApiSchema, type OpenApiSchema } from '../../shared/http/openapi.js';
import { API_ROUTE_TABLE, type ApiFunction, type ApiRoute } from '../../shared/http/routes.js';

const STAGE_NAME = 'v1';

/** The whole stage, all callers together. */
const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 };
/** One API key. */
const KEY_THROTTLE = { rateLimit: 10, burstLimit: 20 };
const KEY_QUOTA = { limit: 10_000, period: apigw.Period.DAY };
/**
 * Per-key budgets of the expensive routes, keyed like routeKey(): one POST /ingest can queue up to
 * 100 fetches of other people's sites; one POST /digests/{date} runs a build of up to 5 minutes.
 */
const ROUTE_KEY_THROTTLES: Record<string, apigw.ThrottleSettings> = {
  'POST /ingest': { rateLimit: 1, burstLimit: 5 },
  'POST /digests/{date}': { rateLimit: 1, burstLimit: 2 },
};
/**
 * Keyless methods are outside every usage plan: this stage throttle is all that bounds them, so it
 * is far below the stage's, and a flood of anonymous page views cannot starve the keyed callers.
 */
const PUBLIC_METHOD_THROTTLE = { rateLimit: 5, burstLimit: 10 };

/** "METHOD /resource", as API Gateway's `${httpMethod} ${resource}` and the handlers' routing keys. */
const routeKey = (route: ApiRoute) => `${route.method} ${route.resource}`;

/** Each `{name}` segment of a resource template as a required path parameter, which the validator checks. */
function requestParameters(resource: string): Record<string, boolean> | undefined {
  const names = [...resource.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return names.length ? Object.fromEntries(names.map((name) => [`method.request.path.${name}`, true])) : undefined;
}

/** Keywords OpenAPI 3.0 schemas share with JSON Schema draft 4, copied as they are. */
const DRAFT4_KEYWORDS = new Set([
  'title', 'description', 'default', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties',
  'maxProperties', 'required',
]);
/** OpenAPI-only keywords that do not constrain a value; `nullable` is folded into `type` instead. */
const ANNOTATIONS = new Set(['example', 'deprecated', 'readOnly', 'writeOnly', 'externalDocs', 'xml']);

/**
 * An OpenAPI 3.0 schema object as the JSON Schema draft 4 of an API Gateway model. A keyword it
 * cannot translate ($ref, allOf, ...) throws rather than being dropped, which would loosen the
 * validation without a word.
 */
export function toApiGatewaySchema(schema: OpenApiSchema): apigw.JsonSchema {
  return { schema: apigw.JsonSchemaVersion.DRAFT4, ...draft4(schema) };
}

function draft4(schema: OpenApiSchema): apigw.JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type') out.type = 'nullable' in schema && schema.nullable ? [value, apigw.JsonSchemaType.NULL] : value;
    else if (key === 'items') out.items = draft4(value as OpenApiSchema);
    else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, OpenApiSchema>).map(([name, s]) => [name, draft4(s)]));
    }
    else if (key === 'additionalProperties') out.additionalProperties = typeof value === 'boolean' ? value : draft4(value as OpenApiSchema);
    else if (DRAFT4_KEYWORDS.has(key)) out[key] = value;
    else if (key !== 'nullable' && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
      throw new Error(`toApiGatewaySchema: no JSON Schema draft 4 translation for "${key}"`);
    }
  }
  return out as apigw.JsonSchema;
}

export interface PipelineApiProps {
  /** The function that serves each route of API_ROUTE_TABLE, by the route's `fn`. */
  readonly functions: Record<ApiFunction, lambda.IFunction>;
  /** The most URLs one POST /ingest may carry. */
  readonly maxUrlsPerRequest: number;
}

export class PipelineApi extends Construct {
  readonly restApi: apigw.RestApi;
  readonly apiKey: apigw.ApiKey;
  readonly usagePlan: apigw.UsagePlan;
  readonly accessLogs: logs.LogGroup;
  /** Every method, by routeKey ("GET /digests/{date}"). */
  readonly methods: Record<string, apigw.Method> = {};
  /** Validates the declared body model and the declared parameters of a method. */
  private readonly validator: apigw.RequestValidator;

  constructor(scope: Construct, id: string, props: PipelineApiProps) {
    super(scope, id);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.restApi = new apigw.RestApi(this, 'RestApi', {
      restApiName: 'newsdigest',
      description: 'newsdigest: ingest news URLs, read articles and digests. Every method requires an API key '
        + 'except /public/digests/..., which serve a page or the feed only with a valid signed link.',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      apiKeySourceType: apigw.ApiKeySourceType.HEADER,
      defaultMethodOptions: { apiKeyRequired: true },
      // Execution logging (below) needs API Gateway's account-level CloudWatch role.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: STAGE_NAME,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(JSON.stringify({
          requestId: apigw.AccessLogField.contextRequestId(),
          requestTime: apigw.AccessLogField.contextRequestTime(),
          ip: apigw.AccessLogField.contextIdentitySourceIp(),
          apiKeyId: apigw.AccessLogField.contextIdentityApiKeyId(),
          httpMethod: apigw.AccessLogField.contextHttpMethod(),
          resourcePath: apigw.AccessLogField.contextResourcePath(),
          protocol: apigw.AccessLogField.contextProtocol(),
          status: apigw.AccessLogField.contextStatus(),
          responseLength: apigw.AccessLogField.contextResponseLength(),
          responseLatency: apigw.AccessLogField.contextResponseLatency(),
          integrationLatency: apigw.AccessLogField.contextIntegrationLatency(),
          errorType: apigw.AccessLogField.contextErrorResponseType(),
          xrayTraceId: apigw.AccessLogField.contextXrayTraceId(),
        })),
        // Errors only, and never request or response bodies (dataTrace) in the execution logs.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
        throttlingRateLimit: STAGE_THROTTLE.rateLimit,
        throttlingBurstLimit: STAGE_THROTTLE.burstLimit,
        // A method's own settings replace the stage's for that method, so they repeat the logging choices.
        methodOptions: Object.fromEntries(API_ROUTE_TABLE.filter((r) => r.public).map((r) => [`${r.resource}/${r.method}`, {
          loggingLevel: apigw.MethodLoggingLevel.ERROR,
          dataTraceEnabled: false,
          throttlingRateLimit: PUBLIC_METHOD_THROTTLE.rateLimit,
          throttlingBurstLimit: PUBLIC_METHOD_THROTTLE.burstLimit,
        }])),
      },
    });

    this.validator = this.restApi.addRequestValidator('RequestValidator', {
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    // API Gateway's own answers, in the service's {"message": ...} shape and saying what to do.
    // (Gateway response templates are not VTL: only plain substitution, so the messages are static.)
    this.restApi.addGatewayResponse('BadRequestBody', {
      type: apigw.ResponseType.BAD_REQUEST_BODY,
      templates: {
        'application/json': JSON.stringify({
          message: `The body must be a JSON object {"urls": ["https://..."]} with 1 to ${props.maxUrlsPerRequest} URL strings`,
        }),
      },
    });
    this.restApi.addGatewayResponse('InvalidApiKey', {
      type: apigw.ResponseType.INVALID_API_KEY,
      templates: {
        'application/json': JSON.stringify({
          message: 'Send a valid API key in the x-api-key header (stack output ApiKeyValueCommand shows how to read it)',
        }),
      },
    });

    // allowTestInvoke: false, so the only invoke permission is the one for the deployed stage.
    const integrations = Object.fromEntries(Object.entries(props.functions)
      .map(([name, fn]) => [name, new apigw.LambdaIntegration(fn, { allowTestInvoke: false })])) as Record<ApiFunction, apigw.LambdaIntegration>;

    // The schema the OpenAPI document publishes, so the gateway refuses exactly the bodies the
    // document rules out. Only the shape: whether each string is an acceptable URL is ingest's
    // call, answered per URL in its "rejected" list rather than as a 400 for the whole request.
    const ingestModel = this.restApi.addModel('IngestRequest', {
      modelName: 'IngestRequest',
      contentType: 'application/json',
      schema: { title: 'IngestRequest', ...toApiGatewaySchema(ingestRequestOpenApiSchema(props.maxUrlsPerRequest)) },
    });
    /** Method options beyond the ones every route gets. */
    const routeOptions: Record<string, apigw.MethodOptions> = {
      // '$default' too: a body sent with another content type is validated all the same.
      'POST /ingest': { requestModels: { 'application/json': ingestModel, $default: ingestModel } },
    };

    for (const route of API_ROUTE_TABLE) {
      const key = routeKey(route);
      const method = this.resourceFor(route.resource).addMethod(route.method, integrations[route.fn], {
        apiKeyRequired: !route.public,
        requestValidator: this.validator,
        requestParameters: requestParameters(route.resource),
        ...routeOptions[key],
      });
      this.methods[key] = method;
      this.acknowledgeAccessModel(method, route);
    }

    this.apiKey = new apigw.ApiKey(this, 'ApiKey', {
      description: 'newsdigest client key; its value is generated by API Gateway and never in the template',
      enabled: true,
    });
    this.usagePlan = this.restApi.addUsagePlan('UsagePlan', {
      name: 'newsdigest',
      description: 'Per-key limits for newsdigest clients',
      throttle: KEY_THROTTLE,
      quota: KEY_QUOTA,
      apiStages: [{
        api: this.restApi,
        stage: this.restApi.deploymentStage,
        throttle: Object.entries(ROUTE_KEY_THROTTLES).map(([key, throttle]) => ({ method: this.method(key), throttle })),
      }],
    });
    this.usagePlan.addApiKey(this.apiKey);

    this.acknowledgeFindings();

    // Outputs with plain logical ids, so `cdk deploy --outputs-file` gives readable keys. The
    // RestApi's own "Endpoint" output would repeat ApiUrl under a generated name.
    this.restApi.node.tryRemoveChild('Endpoint');
    this.output('ApiUrl', this.restApi.url, 'Base URL of the API (stage included)');
    this.output('ApiKeyId', this.apiKey.keyId, 'Id of the API key');
    this.output(
      'ApiKeyValueCommand',
      `aws apigateway get-api-key --api-key ${this.apiKey.keyId} --include-value --query value --output text`,
      'Prints the API key value; send it in the x-api-key header',
    );
  }

  /** The resource of a path template, creating the segments that do not exist yet ("/digests.atom" is a sibling of "/digests"). */
  private resourceFor(path: string): apigw.IResource {
    let resource: apigw.IResource = this.restApi.root;
    for (const part of path.split('/').filter(Boolean)) {
      resource = resource.getResource(part) ?? resource.addResource(part);
    }
    return resource;
  }

  private method(key: string): apigw.Method {
    const method = this.methods[key];
    if (!method) throw new Error(`No route ${key} in API_ROUTE_TABLE (shared/http/routes.ts)`);
    return method;
  }

  private output(id: string, value: string, description: string): void {
    new CfnOutput(this, id, { value, description }).overrideLogicalId(id);
  }

  /**
   * APIG4 (no authorizer) and COG4 (no Cognito authorizer) are reported per method. Acknowledged
   * per method too, so a keyless method can never hide behind the key-only reason.
   */
  private acknowledgeAccessModel(method: apigw.Method, route: ApiRoute): void {
    const reason = route.public
      ? `${routeKey(route)} has no API key on purpose: it is the page a person opens in a browser, which cannot send `
        + 'the x-api-key header. The read function serves it only with a valid signed link (HMAC-SHA256 over the path '
        + 'and expiry, key in Secrets Manager, links expire) unless the deployer made digests public (publicDigests=true). '
        + 'GET only, read-only grants, and its own stage throttle.'
      : 'Callers are services and scripts, not end users: an API key per client with a usage plan (rate, burst, daily '
        + 'quota; tighter on POST /ingest and POST /digests/{date}) is the access model, and this method requires the key. '
        + 'There is no user identity to authorize.';
    Validations.of(method).acknowledge(
      { id: 'AwsSolutions-APIG4', reason },
      { id: 'AwsSolutions-COG4', reason },
    );
  }

  /** cdk-nag findings this API answers by design rather than by configuration. */
  private acknowledgeFindings(): void {
    Validations.of(this.restApi.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason: 'Abuse is bounded by the per-key throttle and quota, the stage throttle, and a lower stage throttle on the '
        + 'keyless GET /public/digests/{date} (which serves nothing without a valid signed link unless digests were made '
        + 'public). A WAFv2 web ACL (a monthly fee plus per-request charges) adds little to an API of this size; add one '
        + 'if keys are handed to untrusted clients or digests are made public to a wide audience.',
    });
    Validations.of(this.restApi.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'This role is API Gateway\'s account-wide CloudWatch role (AWS::ApiGateway::Account), used by every REST API '
        + 'of the account and region for execution logs. AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents '
        + 'for it; scoping it to this API\'s log groups would break execution logging for the other APIs of the account.',
    });
  }
}
