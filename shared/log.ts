// Logging through Powertools for AWS Lambda's Logger: one JSON line per entry with level,
// timestamp, service, cold start and the invocation's request id (once the handler wrapper adds
// the Lambda context), plus our own keys (articleId, stage) so CloudWatch Logs Insights can filter
// on them. The pipeline's modules see only the small `Logger` port below, so a test or the local
// runtime can hand them any logger.
//
// Level: POWERTOOLS_LOG_LEVEL (the CDK stack sets it), else LOG_LEVEL, else INFO; silent under
// vitest. In a terminal (`npm start`, the CLI) the same entries print as short readable lines.

import { Logger as PowertoolsLogger, type LogItem } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface LoggerOptions {
  /** Powertools' `service` key; in Lambda, POWERTOOLS_SERVICE_NAME wins. */
  service?: string;
  level?: LogLevel;
  /**
   * 'json' (Lambda, and wherever logs are collected) or 'terminal' (one readable line per entry).
   * Default: 'terminal' when standard output is a TTY outside Lambda, else 'json'.
   */
  format?: 'json' | 'terminal';
  /** Where lines go instead of standard output and error (tests read what was logged). */
  write?: (line: string) => void;
}

/** The Powertools logger itself, for the Lambda handler wrapper (which adds the invocation's context). */
export type LambdaLogger = PowertoolsLogger;

export function createLogger(fields: LogFields = {}, options: LoggerOptions = {}): Logger {
  return loggerPort(createPowertoolsLogger(fields, options));
}

export function createPowertoolsLogger(fields: LogFields = {}, options: LoggerOptions = {}): PowertoolsLogger {
  const format = options.format ?? defaultFormat();
  const constructorOptions: ConstructorOptions = {
    serviceName: options.service ?? 'newsdigest',
    logLevel: (options.level ?? envLevel()).toUpperCase() as ConstructorOptions['logLevel'],
    persistentKeys: fields,
  };
  if (format === 'json' && !options.write) return new PowertoolsLogger(constructorOptions);
  return new RedirectedLogger({ ...constructorOptions, format, write: options.write ?? defaultWrite });
}

/**
 * Adapts a Powertools logger to the pipeline's port. A child adds its fields to each entry of the
 * one Powertools logger rather than being a Powertools child: a child made per message would
 * re-read the invocation's context and call every invocation a cold start.
 */
export function loggerPort(logger: PowertoolsLogger, base: LogFields = {}): Logger {
  const withBase = (fields?: LogFields) => ({ ...base, ...fields });
  return {
    info: (msg, fields) => logger.info(msg, withBase(fields)),
    warn: (msg, fields) => logger.warn(msg, withBase(fields)),
    error: (msg, fields) => logger.error(msg, withBase(fields)),
    child: (fields) => loggerPort(logger, withBase(fields)),
  };
}

export const silentLogger: Logger = createLogger({}, { level: 'silent', format: 'json' });

type RedirectedOptions = ConstructorOptions & { format: 'json' | 'terminal'; write: (line: string) => void };

/**
 * Powertools' own extension point (`printLog`, `createLogger`): same entries and levels, but
 * written where and how we ask.
 */
class RedirectedLogger extends PowertoolsLogger {
  readonly #options: RedirectedOptions;

  constructor(options: RedirectedOptions) {
    const { format: _format, write: _write, ...powertoolsOptions } = options;
    super(powertoolsOptions);
    this.#options = options;
  }

  protected override createLogger(options?: ConstructorOptions): PowertoolsLogger {
    return new RedirectedLogger({ ...options, format: this.#options.format, write: this.#options.write });
  }

  protected override printLog(_logLevel: number, log: LogItem): void {
    log.prepareForPrint();
    const attributes = log.getAttributes();
    this.#options.write(this.#options.format === 'json' ? JSON.stringify(attributes, this.getJsonReplacer()) : terminalLine(attributes));
  }
}

// What a reader at a terminal does not need on every line: Lambda's and X-Ray's keys.
const TERMINAL_HIDDEN = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate', 'xray_trace_id', 'cold_start',
  'function_arn', 'function_memory_size', 'function_name', 'function_request_id']);

/** "19:32:05 WARN  stage failed  articleId=ab12 code=http_404" */
export function terminalLine(attributes: Record<string, unknown>): string {
  const time = typeof attributes.timestamp === 'string' ? attributes.timestamp.slice(11, 19) : '';
  const level = String(attributes.level ?? '').padEnd(5);
  const rest = Object.entries(attributes)
    .filter(([k, v]) => !TERMINAL_HIDDEN.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v)}`);
  return [time, level, String(attributes.message ?? ''), ...rest].filter(Boolean).join('  ');
}

function defaultWrite(line: string): void {
  process.stdout.write(line + '\n');
}

function defaultFormat(): 'json' | 'terminal' {
  return process.stdout.isTTY && !process.env.AWS_LAMBDA_FUNCTION_NAME ? 'terminal' : 'json';
}

export function envLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const v = (env.POWERTOOLS_LOG_LEVEL ?? env.LOG_LEVEL)?.toLowerCase();
  if (v === 'debug' || v === 'info' || v === 'warn' || v === 'error' || v === 'silent') return v;
  return env.VITEST ? 'silent' : 'info';
}
