// newsdigest: the command line. `start` runs the local pipeline; `ingest` talks to a running API
// (local or deployed); `extract` shows what the process stage would extract from a page.

import { parseArgs } from 'node:util';
import { startLocalPipeline } from './runtime.js';
import { runIngestCommand } from './commands/ingest.js';
import { runExtractCommand } from './commands/extract.js';
import { runAnalyzeCommand } from './commands/analyze.js';
import { runDigestCommand } from './commands/digest.js';
import { runParseCommand } from './commands/parse.js';

const USAGE = `newsdigest <command> [options]

Commands:
  start                          run the pipeline locally (dynalite, s3rver, queues, API on 127.0.0.1)
      --port N                   HTTP port (default: PORT or 3000)
      --data-dir DIR             data folder (default: NEWSDIGEST_DATA_DIR or ./.data)
  ingest URL... [--file F|-]     submit URLs to the API and follow them until processed
      --api URL                  API base URL (default: NEWSDIGEST_API or http://127.0.0.1:3000)
      --key KEY                  API key (default: NEWSDIGEST_API_KEY, else the local one in .data/)
      --no-wait                  return after submitting instead of following progress
  extract FILE.html|URL...       print what the process stage extracts from pages
      --url URL                  the page's URL, for a file (resolves relative links, site name)
      --json                     print JSON instead of text
      --out-dir DIR              write one <basename>.json per input (title, text, metadata)
  analyze FILE.txt|FILE.html|-   print the analysis: actors, stance sentences, summary
      --json                     print the analysis JSON (DESIGN.md's contract)
      --out-dir DIR              write one <basename>.json per input
      --title TEXT               the headline, for a .txt input
      --date YYYY-MM-DD          the article's date (default: an HTML page's own): people the text
                                 does not place act for the government they served that day
  parse FILE.conllu|-            tag and parse the words of a CoNLL-U file (reads ID, FORM, MISC;
                                 writes UPOS, HEAD, DEPREL; comments and multiword tokens kept)
      --text TEXT                tokenise, tag and parse raw text instead
      --out FILE                 write the CoNLL-U there instead of standard output
      --model FILE               another syntax model (default: the shipped one)
  digest [DATE]                  build a day's digest (default: today, UTC) and print it
      --format md|json           output (default md); also prints a signed link to the HTML page
      --no-build                 print the stored digest without rebuilding it
      --api URL, --key KEY       as for ingest
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(rest);
      case 'ingest':
        return await runIngestCommand(rest);
      case 'extract':
        return await runExtractCommand(rest);
      case 'analyze':
      case 'analyse':
        return await runAnalyzeCommand(rest);
      case 'digest':
        return await runDigestCommand(rest);
      case 'parse':
        return await runParseCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`newsdigest: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    process.stderr.write(`newsdigest ${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const pipeline = await startLocalPipeline({
    port: values.port !== undefined ? Number(values.port) : undefined,
    dataDir: values['data-dir'],
  });
  process.stdout.write(`newsdigest is running at ${pipeline.url}\n  data:    ${pipeline.dataDir}\n  API key: ${pipeline.apiKey}\n`
    + `  try:     curl -X POST -H "x-api-key: ${pipeline.apiKey}" ${pipeline.url}/ingest -d '{"urls": ["https://..."]}'\n`
    + 'Ctrl-C stops it.\n');
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.stdout.write('\nstopping: finishing batches in flight...\n');
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await pipeline.stop();
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
