// Every command's usage text and parseArgs options in one place, so `newsdigest --help`, each
// command's --help and what the parser accepts cannot drift apart. Exit codes, the same for every
// command: 0 ok, 1 some inputs failed (at run time), 2 usage (a bad command, option or argument).

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_SUMMARY_SENTENCES } from '../../shared/analysis/analyse.js';
import { DEFAULT_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from '../../shared/feeds/feed.js';

export const EXIT_OK = 0;
export const EXIT_INPUTS_FAILED = 1;
export const EXIT_USAGE = 2;

/** A bad option or argument: main prints the message and the command's usage to stderr, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** An option's line in the usage: the placeholder of its value (string options) and what it does. */
interface OptionHelp {
  value?: string;
  text: string;
}

interface CommandSpec<Options extends OptionsConfig, Positionals extends boolean> {
  /** What follows the command's name in its synopsis: its arguments. */
  synopsis: string;
  /** One line, or several joined by \n (each is indented to the description column). */
  summary: string;
  allowPositionals: Positionals;
  options: Options;
  /** One entry per option, in the order they are listed: the type makes a forgotten one an error. */
  help: { [Name in keyof NoInfer<Options>]: OptionHelp };
}

// Infers the literal option types, so each command's parsed values are typed.
function command<Options extends OptionsConfig, Positionals extends boolean>(spec: CommandSpec<Options, Positionals>) {
  return spec;
}

const API_HELP: OptionHelp = { value: 'URL', text: 'API base URL (default: NEWSDIGEST_API or http://127.0.0.1:3000)' };
const KEY_HELP: OptionHelp = { value: 'KEY', text: 'API key (default: NEWSDIGEST_API_KEY, else the local one in .data/, sent only to a loopback --api)' };

export const COMMANDS = {
  start: command({
    synopsis: '',
    summary: 'run the pipeline locally (dynalite, s3rver, queues, API on 127.0.0.1)',
    allowPositionals: false,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    help: {
      port: { value: 'N', text: 'HTTP port (default: PORT or 3000)' },
      'data-dir': { value: 'DIR', text: 'data folder (default: NEWSDIGEST_DATA_DIR or ./.data)' },
    },
  }),
  ingest: command({
    synopsis: 'URL... [--file F|-]',
    summary: 'submit URLs to the API and follow them until processed',
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      api: { type: 'string' },
      key: { type: 'string' },
      'no-wait': { type: 'boolean' },
      timeout: { type: 'string', default: '120' },
    },
    help: {
      file: { value: 'F', text: 'also read URLs from F, one a line (- for standard input; # comments)' },
      api: API_HELP,
      key: KEY_HELP,
      'no-wait': { text: 'return after submitting instead of following progress' },
      timeout: { value: 'S', text: 'stop following after S seconds (default 120)' },
    },
  }),
  extract: command({
    synopsis: 'FILE.html|URL...',
    summary: 'print what the process stage extracts from pages',
    allowPositionals: true,
    options: { url: { type: 'string' }, json: { type: 'boolean' }, 'out-dir': { type: 'string' } },
    help: {
      url: { value: 'URL', text: "the page's URL, for a file (resolves relative links, site name)" },
      json: { text: 'print JSON instead of text' },
      'out-dir': { value: 'DIR', text: 'write one <basename>.json per input (title, text, metadata)' },
    },
  }),
  analyze: command({
    synopsis: 'FILE.txt|FILE.html|-',
    summary: 'print the analysis: actors, stance sentences, summary',
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'out-dir': { type: 'string' },
      title: { type: 'string' },
      date: { type: 'string' },
      sentences: { type: 'string' },
    },
    help: {
      json: { text: "print the analysis JSON (DESIGN.md's contract)" },
      'out-dir': { value: 'DIR', text: 'write one <basename>.json per input' },
      title: { value: 'TEXT', text: 'the headline, for a .txt input' },
      date: {
        value: 'YYYY-MM-DD',
        text: "the article's date (default: an HTML page's own): people the text\ndoes not place act for the government they served that day",
      },
      sentences: { value: 'N', text: `summary length in sentences (default ${DEFAULT_SUMMARY_SENTENCES})` },
    },
  }),
  parse: command({
    synopsis: 'FILE.conllu|-',
    summary: 'tag and parse the words of a CoNLL-U file (reads ID, FORM, MISC;\nwrites UPOS, HEAD, DEPREL; comments and multiword tokens kept)',
    allowPositionals: true,
    options: { text: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' } },
    help: {
      text: { value: 'TEXT', text: 'tokenise, tag and parse raw text instead' },
      out: { value: 'FILE', text: 'write the CoNLL-U there instead of standard output' },
      model: { value: 'FILE', text: 'another syntax model (default: the shipped one)' },
    },
  }),
  digest: command({
    synopsis: '[DATE]',
    summary: "build a day's digest (default: today, UTC) and print it",
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'md' },
      'no-build': { type: 'boolean' },
      api: { type: 'string' },
      key: { type: 'string' },
    },
    help: {
      format: { value: 'md|json', text: 'output (default md); also prints a signed link to the HTML page' },
      'no-build': { text: 'print the stored digest without rebuilding it' },
      api: API_HELP,
      key: KEY_HELP,
    },
  }),
  feeds: command({
    synopsis: 'add URL | list | show ID | remove ID | poll ID | import FILE.opml',
    summary: 'manage feed subscriptions (RSS, Atom, JSON Feed, news sitemaps):\nnew entries are ingested as articles on their own',
    allowPositionals: true,
    options: {
      interval: { type: 'string' },
      json: { type: 'boolean' },
      api: { type: 'string' },
      key: { type: 'string' },
    },
    help: {
      interval: { value: 'MIN', text: `add, import: minutes between polls (${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}, default ${DEFAULT_INTERVAL_MINUTES})` },
      json: { text: 'print the API\'s JSON instead of text' },
      api: API_HELP,
      key: KEY_HELP,
    },
  }),
};

export type CommandName = keyof typeof COMMANDS;

const ALIASES = new Map<string, CommandName>([['analyse', 'analyze']]);

/** The command a name on the command line stands for, if any ("toString" is not one). */
export function commandNamed(name: string): CommandName | undefined {
  return Object.hasOwn(COMMANDS, name) ? name as CommandName : ALIASES.get(name);
}

const DESCRIPTION_COLUMN = 33;

function row(left: string, text: string): string {
  const continuation = `\n${' '.repeat(DESCRIPTION_COLUMN)}`;
  return `${left.padEnd(DESCRIPTION_COLUMN - 2)}  ${text.replaceAll('\n', continuation)}\n`;
}

function optionRows(name: CommandName, indent: string): string {
  return Object.entries<OptionHelp>(COMMANDS[name].help)
    .map(([option, { value, text }]) => row(`${indent}--${option}${value ? ` ${value}` : ''}`, text))
    .join('');
}

function synopsis(name: CommandName): string {
  return `${name}${COMMANDS[name].synopsis ? ` ${COMMANDS[name].synopsis}` : ''}`;
}

/** What `newsdigest <command> --help` prints. */
export function commandUsage(name: CommandName): string {
  return `newsdigest ${synopsis(name)} [options]\n\n${COMMANDS[name].summary}\n\nOptions:\n`
    + optionRows(name, '  ')
    + row('  -h, --help', 'print this usage');
}

/** What `newsdigest --help` prints: every command's synopsis and options. */
export const USAGE = 'newsdigest <command> [options]\n\nCommands:\n'
  + (Object.keys(COMMANDS) as CommandName[]).map((name) => row(`  ${synopsis(name)}`, COMMANDS[name].summary) + optionRows(name, '      ')).join('')
  + '\nnewsdigest <command> --help (or newsdigest help <command>) prints one command\'s usage.\n'
  + 'Exit codes: 0 ok, 1 some inputs failed, 2 usage (a bad command, option or argument).\n';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * What parseArgs gives for a command's options (and --help), typed from its spec. The Extract only
 * tells TypeScript the config fits parseArgs, which it cannot see for a generic command name.
 */
type ParsedCommandArgs<Name extends CommandName> = ReturnType<typeof parseArgs<Extract<{
  args: string[];
  options: (typeof COMMANDS)[Name]['options'] & typeof HELP_OPTION;
  allowPositionals: (typeof COMMANDS)[Name]['allowPositionals'];
  strict: true;
}, ParseArgsConfig>>>;

/**
 * Parses a command's arguments strictly. An unknown option, a missing value or a stray positional
 * is a UsageError; undefined means --help (-h) was given and the usage is printed, so the command
 * returns 0 without doing anything.
 */
export function parseCommandArgs<Name extends CommandName>(name: Name, args: string[]): ParsedCommandArgs<Name> | undefined {
  const { options, allowPositionals }: { options: OptionsConfig; allowPositionals: boolean } = COMMANDS[name];
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, ...HELP_OPTION }, allowPositionals, strict: true });
  } catch (err) {
    // node:util's argument errors carry ERR_PARSE_ARGS_* codes; anything else is a bug, not usage.
    if (String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_')) throw new UsageError((err as Error).message);
    throw err;
  }
  if (parsed.values.help) {
    process.stdout.write(commandUsage(name));
    return undefined;
  }
  return parsed as ParsedCommandArgs<Name>;
}

/**
 * A numeric option's value, or undefined when it is not given. A value that is not a number of
 * the kind wanted is a UsageError, rather than a NaN that fails somewhere later.
 */
export function numberOption(name: string, value: string, isValid: (n: number) => boolean, wants: string): number;
export function numberOption(name: string, value: string | undefined, isValid: (n: number) => boolean, wants: string): number | undefined;
export function numberOption(name: string, value: string | undefined, isValid: (n: number) => boolean, wants: string): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  if (Number.isNaN(n) || !isValid(n)) throw new UsageError(`--${name} wants ${wants}, got ${JSON.stringify(value)}`);
  return n;
}
