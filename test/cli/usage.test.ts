// The command line's conventions, run in-process: --help prints the command's own usage (exit 0);
// a bad option or argument prints a one-line error and that usage to stderr (exit 2); an input that
// fails at run time is exit 1.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsdigest-usage-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = runCli;

// Written out here rather than read from the usage module, so a dropped option fails the test.
const OPTIONS: Record<string, string[]> = {
  start: ['--port', '--data-dir'],
  ingest: ['--file', '--api', '--key', '--no-wait', '--timeout'],
  extract: ['--url', '--json', '--out-dir'],
  analyze: ['--json', '--out-dir', '--title', '--date', '--sentences'],
  parse: ['--text', '--out', '--model'],
  digest: ['--format', '--no-build', '--api', '--key'],
};
const COMMANDS = Object.keys(OPTIONS);

describe('newsdigest --help', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints every command and its options to stdout, exit 0', async (flag) => {
    const { code, out, err } = await run([flag]);
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const command of COMMANDS) {
      expect(out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      for (const option of OPTIONS[command]) expect(out).toContain(option);
    }
    expect(out).toMatch(/--help/);
    expect(out).toMatch(/Exit codes: 0 ok, 1 some inputs failed, 2 usage/);
  });

  it('answers no command with the usage on stderr, exit 2', async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^newsdigest: give a command\n\nnewsdigest <command> \[options\]\n\nCommands:/);
  });

  it('answers help for an unknown command with the usage on stderr, exit 2', async () => {
    const { code, out, err } = await run(['help', 'frobnicate']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/unknown command "frobnicate"[^]*Commands:/);
  });
});

describe.each(COMMANDS)('newsdigest %s', (command) => {
  it.each([[[command, '--help']], [[command, '-h']], [['help', command]], [['--help', command]]])('%j prints its own usage to stdout, exit 0', async (args) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(new RegExp(`^newsdigest ${command}\\b.*\\[options\\]\n`));
    for (const option of OPTIONS[command]) expect(out).toMatch(new RegExp(`^  ${option}\\b`, 'm'));
    expect(out).toMatch(/^ {2}-h, --help/m);
    expect(out).not.toMatch(/Commands:/); // its own usage, not everyone's
  });

  it('answers an unknown option with a one-line error and its usage on stderr, exit 2', async () => {
    const { code, out, err } = await run([command, '--frobnicate']);
    expect(code).toBe(2);
    expect(out).toBe('');
    const [firstLine, blank, usageLine] = err.split('\n');
    expect(firstLine).toMatch(new RegExp(`^newsdigest ${command}: Unknown option '--frobnicate'`));
    expect(blank).toBe('');
    expect(usageLine).toMatch(new RegExp(`^newsdigest ${command}\\b`));
    for (const option of OPTIONS[command]) expect(err).toContain(option);
  });
});

describe('bad arguments are usage errors, exit 2', () => {
  it.each([
    [['start', '--port', 'eighty'], /--port wants a port number .*"eighty"/],
    [['start', '--port', '70000'], /--port wants a port number/],
    [['start', 'now'], /Unexpected argument 'now'/],
    [['ingest'], /give at least one URL/],
    [['ingest', 'https://example.com/a', '--timeout', 'soon'], /--timeout wants a number of seconds/],
    [['ingest', 'https://example.com/a', '--api'], /Option '--api <value>' argument missing/],
    [['extract'], /give at least one HTML file or URL/],
    [['extract', 'a.html', 'b.html', '--url', 'https://example.com/a'], /--url names the page of a single file/],
    [['extract', 'a.html', '--json=yes'], /--json.* does not take an argument/],
    [['analyze'], /give at least one \.txt or \.html file/],
    [['analyze', 'a.txt', '--date', 'yesterday'], /--date wants an ISO date/],
    [['analyze', 'a.txt', '--sentences', 'three'], /--sentences wants a whole number of sentences/],
    [['parse'], /give one CoNLL-U file/],
    [['parse', 'a.conllu', '--text', 'Hi.'], /either a CoNLL-U file or --text, not both/],
    [['digest', '--format', 'html'], /--format is json or md/],
    [['digest', '2026-02-30'], /DATE is a calendar date written YYYY-MM-DD/],
    [['digest', '2026-02-01', '2026-02-02'], /give one DATE, not 2/],
  ])('%j', async (args, message) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    const [firstLine, , usageLine] = err.split('\n');
    expect(firstLine).toMatch(new RegExp(`^newsdigest ${args[0]}: `));
    expect(firstLine).toMatch(message);
    expect(usageLine).toMatch(new RegExp(`^newsdigest ${args[0]}\\b.*\\[options\\]$`));
  });

  it('names the command an alias stands for', async () => {
    const { code, err } = await run(['analyse', '--frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/^newsdigest analyze: Unknown option/);
    expect(err).toMatch(/^newsdigest analyze FILE/m);
  });
});

describe('inputs that fail at run time, exit 1', () => {
  it('analyze: a file that cannot be read', async () => {
    const { code, err } = await run(['analyze', join(tmp, 'missing.txt')]);
    expect(code).toBe(1);
    expect(err).toMatch(/missing\.txt: .*ENOENT/);
    expect(err).not.toMatch(/Options:/);
  });

  it('ingest: a URL list that cannot be read', async () => {
    const { code, err } = await run(['ingest', '--file', join(tmp, 'missing-urls.txt')]);
    expect(code).toBe(1);
    expect(err).toMatch(/^newsdigest ingest: .*ENOENT.*missing-urls\.txt/);
    expect(err).not.toMatch(/Options:/);
  });
});
