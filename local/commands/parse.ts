// newsdigest parse: part-of-speech tags and dependency trees, as CoNLL-U, from a CoNLL-U file
// (its words as given: only ID, FORM and MISC are read) or from raw text (tokenised as UD English
// EWT is). Written to stdout, or to --out.

import { readFileSync, writeFileSync } from 'node:fs';
import {
  DEFAULT_SYNTAX_MODEL_PATH, loadSyntaxModel, parseConllu, parsedTextToConllu, parseText, readConllu, writeConllu,
} from '../../shared/analysis/syntax/index.js';
import { EXIT_OK, parseCommandArgs, UsageError } from './usage.js';

export async function runParseCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('parse', args);
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (values.text === undefined && positionals.length !== 1) {
    throw new UsageError('give one CoNLL-U file (or - for standard input), or --text "A sentence."');
  }
  if (values.text !== undefined && positionals.length) throw new UsageError('give either a CoNLL-U file or --text, not both');
  const model = loadSyntaxModel(values.model ?? DEFAULT_SYNTAX_MODEL_PATH);
  const conllu = values.text !== undefined
    ? writeConllu(parsedTextToConllu(parseText(model, values.text)))
    : writeConllu(parseConllu(model, readConllu(readFileSync(positionals[0] === '-' ? 0 : positionals[0], 'utf8'))));
  if (values.out) writeFileSync(values.out, conllu);
  else process.stdout.write(conllu);
  return EXIT_OK;
}
