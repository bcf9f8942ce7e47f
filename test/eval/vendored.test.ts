// The check that vendored copies still match the shared folder's originals, on folders made here
// (the real shared folder is not needed: npm run eval runs the same check against it).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkVendored, originalBytesOf, VENDORED_FILES, VendoredCopyError, type VendoredFile, type VendoredFolder } from '../../bench/eval/vendored.js';

const SCRIPT = '#!/usr/bin/env node\n// Scores things.\nexport const score = () => 1;\n';
const NOTE = '// ---- newsdigest: vendored copy ----\n// A copy of score.mjs.\n// ---- end of vendoring note ----\n';
const withNote = (s: string) => s.replace('\n', `\n${NOTE}`);

const FILES: VendoredFile[] = [{ copy: 'test/support/score.mjs', original: 'eval/score.mjs', form: 'note' }];
const FOLDERS: VendoredFolder[] = [
  { copy: 'fixtures/html', original: 'dev/html', ext: '.html', form: 'gzip' },
  { copy: 'fixtures/truth', original: 'dev/truth', ext: '.json', form: 'plain' },
];

let repo: string;
let shared: string;
const put = (root: string, path: string, body: string | Buffer) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), body);
};

beforeEach(() => {
  const base = mkdtempSync(join(tmpdir(), 'vendored-test-'));
  repo = join(base, 'repo');
  shared = join(base, 'shared');
  put(shared, 'eval/score.mjs', SCRIPT);
  put(repo, 'test/support/score.mjs', withNote(SCRIPT));
  for (const id of ['a', 'b']) {
    put(shared, `dev/html/${id}.html`, `<p>page ${id} é</p>`);
    put(repo, `fixtures/html/${id}.html.gz`, gzipSync(`<p>page ${id} é</p>`));
    put(shared, `dev/truth/${id}.json`, `{"id": "${id}"}\n`);
    put(repo, `fixtures/truth/${id}.json`, `{"id": "${id}"}\n`);
  }
});
afterEach(() => rmSync(join(repo, '..'), { recursive: true, force: true }));

describe('checkVendored', () => {
  it('finds nothing when every copy matches (the note and the compression aside)', () => {
    expect(checkVendored(repo, shared, FILES, FOLDERS)).toEqual({ compared: 5, drifts: [] });
  });

  it('reports a script whose original changed by one byte', () => {
    writeFileSync(join(shared, 'eval/score.mjs'), SCRIPT.replace('=> 1', '=> 2'));
    expect(checkVendored(repo, shared, FILES, FOLDERS).drifts).toEqual([
      { copy: 'test/support/score.mjs', original: 'eval/score.mjs', problem: 'differs from the original' },
    ]);
  });

  it('reports a copy edited outside its note, and one that lost its note', () => {
    writeFileSync(join(repo, 'test/support/score.mjs'), withNote(SCRIPT).replace('Scores', 'Rates'));
    expect(checkVendored(repo, shared, FILES, FOLDERS).drifts[0].problem).toBe('differs from the original');
    writeFileSync(join(repo, 'test/support/score.mjs'), SCRIPT);
    expect(checkVendored(repo, shared, FILES, FOLDERS).drifts[0].problem).toMatch(/has no vendoring note/);
  });

  it('reports a gzipped page that differs once decompressed, a missing copy and a copy left over', () => {
    writeFileSync(join(repo, 'fixtures/html/a.html.gz'), gzipSync('<p>page a</p>'));
    rmSync(join(repo, 'fixtures/truth/b.json'));
    writeFileSync(join(repo, 'fixtures/truth/c.json'), '{}');
    expect(checkVendored(repo, shared, FILES, FOLDERS).drifts.map((d) => `${d.copy}: ${d.problem}`)).toEqual([
      'fixtures/html/a.html.gz: differs from the original',
      'fixtures/truth/b.json: the copy is missing',
      'fixtures/truth/c.json: has no original any more',
    ]);
  });

  it('reports an original that is gone', () => {
    rmSync(join(shared, 'eval/score.mjs'));
    rmSync(join(shared, 'dev/truth'), { recursive: true });
    expect(checkVendored(repo, shared, FILES, FOLDERS).drifts.map((d) => d.problem)).toEqual(['the original is gone', 'the original folder is gone']);
  });
});

describe('the repository\'s vendored scripts', () => {
  it.each(VENDORED_FILES.map((f) => [f.copy, f] as const))('%s carries its note after the #! line and nothing else of ours', (_, f) => {
    const copy = readFileSync(join(import.meta.dirname, '../..', f.copy));
    const original = originalBytesOf(copy, f.form).toString('utf8');
    expect(original.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(original).not.toContain('newsdigest: vendored copy');
    expect(copy.toString('utf8').split('\n')[1]).toBe('// ---- newsdigest: vendored copy ----');
  });

  it('originalBytesOf refuses a script without its note', () => {
    expect(() => originalBytesOf(Buffer.from(SCRIPT), 'note')).toThrow(VendoredCopyError);
  });
});
