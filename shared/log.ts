// Structured JSON logs, one line each, with the article id and stage as keys (CloudWatch Logs
// Insights can filter on them). Quiet by default in tests.

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(base: LogFields = {}, level: Level = envLevel(), write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const emit = (lvl: Level, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...base, ...fields }));
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, level, write),
  };
}

function envLevel(): Level {
  const v = process.env.LOG_LEVEL;
  if (v && v in ORDER) return v as Level;
  return process.env.VITEST ? 'silent' : 'info';
}

export const silentLogger: Logger = createLogger({}, 'silent');
