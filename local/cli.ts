// newsdigest: the command line. `start` runs the local pipeline; `ingest`, `digest` and `feeds`
// talk to a running API (local or deployed); `extract` shows what the process stage would extract
// from a page. Usage texts, options and exit codes (0 ok, 1 some inputs failed, 2 usage) live in
// commands/usage.ts.

import {
  commandNamed, commandUsage, EXIT_INPUTS_FAILED, EXIT_OK, EXIT_USAGE, UsageError, USAGE, type CommandName,
} from './commands/usage.js';

// Each command's module is loaded only when it runs: `--help` and a quick `parse` do not wait for
// the local runtime or the analysis models to load.
const RUN: Record<CommandName, (args: string[]) => Promise<number>> = {
  start: async (args) => (await import('./commands/start.js')).runStartCommand(args),
  ingest: async (args) => (await import('./commands/ingest.js')).runIngestCommand(args),
  extract: async (args) => (await import('./commands/extract.js')).runExtractCommand(args),
  analyze: async (args) => (await import('./commands/analyze.js')).runAnalyzeCommand(args),
  parse: async (args) => (await import('./commands/parse.js')).runParseCommand(args),
  digest: async (args) => (await import('./commands/digest.js')).runDigestCommand(args),
  feeds: async (args) => (await import('./commands/feeds.js')).runFeedsCommand(args),
};

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(`newsdigest: give a command\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (first === 'help' || first === '--help' || first === '-h') return printHelp(rest[0]);
  const command = commandNamed(first);
  if (!command) return unknownCommand(first);
  try {
    return await RUN[command](rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`newsdigest ${command}: ${err.message}\n\n${commandUsage(command)}`);
      return EXIT_USAGE;
    }
    process.stderr.write(`newsdigest ${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_INPUTS_FAILED;
  }
}

/** `newsdigest help [COMMAND]`, `newsdigest --help [COMMAND]`. */
function printHelp(name: string | undefined): number {
  if (name === undefined) {
    process.stdout.write(USAGE);
    return EXIT_OK;
  }
  const command = commandNamed(name);
  if (!command) return unknownCommand(name);
  process.stdout.write(commandUsage(command));
  return EXIT_OK;
}

function unknownCommand(name: string): number {
  process.stderr.write(`newsdigest: unknown command "${name}"\n\n${USAGE}`);
  return EXIT_USAGE;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
