// The REST API. Access model: every method requires an API key, and the key's usage plan bounds
// what a caller can do (rate, burst, daily quota); the stage bounds everyone together. There is
// no anonymous method and no CORS preflight: nothing is public.

import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

const STAGE_NAME = 'v1';

/** The whole stage, all callers together. */
const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 };
/** One API key. */
const KEY_THROTTLE = { rateLimit: 10, burstLimit: 20 };
const KEY_QUOTA = { limit: 10_000, period: apigw.Period.DAY };
/** One POST /ingest can queue up to 100 fetches of other people's sites: it gets a tighter budget. */
const INGEST_THROTTLE = { rateLimit: 1, burstLimit: 5 };

export interface PipelineApiProps {
  /** POST /ingest. */
  readonly ingest: lambda.IFunction;
  /** The read side: GET /articles and GET /articles/{id}. */
  readonly read: lambda.IFunction;
  /** The most URLs one POST /ingest may carry. */
  readonly maxUrlsPerRequest: number;
}

export class PipelineApi extends Construct {
  readonly restApi: apigw.RestApi;
  readonly apiKey: apigw.ApiKey;
  readonly usagePlan: apigw.UsagePlan;
  readonly accessLogs: logs.LogGroup;
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
      description: 'newsdigest: ingest news URLs, read articles and digests. Every method requires an API key.',
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
    const ingestIntegration = new apigw.LambdaIntegration(props.ingest, { allowTestInvoke: false });
    const readIntegration = new apigw.LambdaIntegration(props.read, { allowTestInvoke: false });

    const ingestModel = this.restApi.addModel('IngestRequest', {
      modelName: 'IngestRequest',
      contentType: 'application/json',
      schema: {
        schema: apigw.JsonSchemaVersion.DRAFT4,
        title: 'IngestRequest',
        type: apigw.JsonSchemaType.OBJECT,
        required: ['urls'],
        properties: {
          // Only the shape: whether each string is an acceptable URL is ingest's call, answered
          // per URL in its "rejected" list rather than as a 400 for the whole request.
          urls: {
            type: apigw.JsonSchemaType.ARRAY,
            items: { type: apigw.JsonSchemaType.STRING },
            minItems: 1,
            maxItems: props.maxUrlsPerRequest,
          },
        },
      },
    });

    const ingestMethod = this.restApi.root.addResource('ingest').addMethod('POST', ingestIntegration, {
      apiKeyRequired: true,
      requestValidator: this.validator,
      // '$default' too: a body sent with another content type is validated all the same.
      requestModels: { 'application/json': ingestModel, $default: ingestModel },
    });

    const articles = this.restApi.root.addResource('articles');
    articles.addMethod('GET', readIntegration, { apiKeyRequired: true, requestValidator: this.validator });
    articles.addResource('{id}').addMethod('GET', readIntegration, {
      apiKeyRequired: true,
      requestValidator: this.validator,
      requestParameters: { 'method.request.path.id': true },
    });

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
        throttle: [{ method: ingestMethod, throttle: INGEST_THROTTLE }],
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

  private output(id: string, value: string, description: string): void {
    new CfnOutput(this, id, { value, description }).overrideLogicalId(id);
  }

  /** cdk-nag findings this API answers by design rather than by configuration. */
  private acknowledgeFindings(): void {
    const apiKeyModel = 'Callers are services and scripts, not end users: an API key per client with a usage plan '
      + '(rate, burst, daily quota; tighter on POST /ingest) is the access model, and every method requires the key. '
      + 'There is no user identity to authorize.';
    Validations.of(this.restApi).acknowledge(
      { id: 'AwsSolutions-APIG4', reason: apiKeyModel },
      { id: 'AwsSolutions-COG4', reason: apiKeyModel },
    );
    Validations.of(this.restApi.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason: 'No anonymous method exists, and abuse is bounded by the per-key throttle and quota and the stage throttle. '
        + 'A WAFv2 web ACL (a monthly fee plus per-request charges) adds little to a key-only API of this size; '
        + 'add one if keys are handed to untrusted clients.',
    });
    Validations.of(this.restApi.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'This role is API Gateway\'s account-wide CloudWatch role (AWS::ApiGateway::Account), used by every REST API '
        + 'of the account and region for execution logs. AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents '
        + 'for it; scoping it to this API\'s log groups would break execution logging for the other APIs of the account.',
    });
  }
}
