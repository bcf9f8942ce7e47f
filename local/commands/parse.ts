// newsdigest parse: part-of-speech tags and dependency trees, as CoNLL-U, from a CoNLL-U file
// (its words as given: only ID, FORM and MISC are read) or from raw text (tokenised as UD English
// EWT is). Written to stdout, or to --out.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_SYNTAX_MODEL_PATH, loadSyntaxModel, parseConllu, parsedTextToConllu, parseText, readConllu, writeConllu,
} from '../../shared/analysis/syntax/index.js';

export async function runParseCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { text: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' } },
  });
  if (values.text === undefined && positionals.length !== 1) {
    throw new Error('give one CoNLL-U file (or - for standard input), or --text "A sentence."');
  }
  if (values.text !== undefined && positionals.length) throw new Error('give either a CoNLL-U file or --text, not both');
  const model = loadSyntaxModel(values.model ?? DEFAULT_SYNTAX_MODEL_PATH);
  const conllu = values.text !== undefined
    ? writeConllu(parsedTextToConllu(parseText(model, values.text)))
    : writeConllu(parseConllu(model, readConllu(readFileSync(positionals[0] === '-' ? 0 : positionals[0], 'utf8'))));
  if (values.out) writeFileSync(values.out, conllu);
  else process.stdout.write(conllu);
  return 0;
}
