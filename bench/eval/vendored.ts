// Copies of the shared folder's files that the repository vendors so that npm test runs on a clone
// without it. Each must stay identical to its original; npm run eval checks them whenever the
// shared folder is there, and fails when one has drifted, so the tests never score with a scorer
// (or against pages) other than the ones the team's numbers come from.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A vendored script carries a note between these two lines (after its #! line); the rest is the original's bytes. */
const NOTE_START = '// ---- newsdigest: vendored copy ----\n';
const NOTE_END = '// ---- end of vendoring note ----\n';

export interface VendoredFile {
  /** Relative to the repository root. */
  copy: string;
  /** Relative to the shared folder. */
  original: string;
  /** How the copy is stored: `note` (a script with a vendoring note), `gzip` (compressed), `plain`. */
  form: 'note' | 'gzip' | 'plain';
}

/** A folder vendored file by file: every original `<name><ext>` is `<name><ext>` (`.gz` added when gzipped) in the copy. */
export interface VendoredFolder {
  copy: string;
  original: string;
  ext: string;
  form: 'gzip' | 'plain';
}

export const VENDORED_FILES: readonly VendoredFile[] = [
  { copy: 'scoring/extraction-score.mjs', original: 'extraction-dev/score.mjs', form: 'note' },
  { copy: 'scoring/score-analysis.mjs', original: 'eval/score-analysis.mjs', form: 'note' },
];

export const VENDORED_FOLDERS: readonly VendoredFolder[] = [
  { copy: 'test/fixtures/extraction-dev/html', original: 'extraction-dev/html', ext: '.html', form: 'gzip' },
  { copy: 'test/fixtures/extraction-dev/truth', original: 'extraction-dev/truth', ext: '.json', form: 'plain' },
];

export class VendoredCopyError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'VendoredCopyError';
  }
}

/** The bytes the original had, recovered from a copy stored in `form`. */
export function originalBytesOf(copy: Buffer, form: VendoredFile['form']): Buffer {
  if (form === 'gzip') return gunzipSync(copy);
  if (form === 'plain') return copy;
  const text = copy.toString('utf8');
  const start = text.indexOf(NOTE_START);
  const end = text.indexOf(NOTE_END);
  if (start < 0 || end < start) throw new VendoredCopyError('has no vendoring note (the lines between the two "----" markers)');
  return Buffer.from(text.slice(0, start) + text.slice(end + NOTE_END.length), 'utf8');
}

export interface Drift {
  copy: string;
  original: string;
  problem: string;
}

function compareFile(copyPath: string, originalPath: string, form: VendoredFile['form'], copy: string, original: string): Drift | null {
  if (!existsSync(originalPath)) return { copy, original, problem: 'the original is gone' };
  if (!existsSync(copyPath)) return { copy, original, problem: 'the copy is missing' };
  let bytes: Buffer;
  try {
    bytes = originalBytesOf(readFileSync(copyPath), form);
  } catch (err: unknown) {
    return { copy, original, problem: `the copy cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  return bytes.equals(readFileSync(originalPath)) ? null : { copy, original, problem: 'differs from the original' };
}

/** Every vendored copy that no longer matches its original, and how many files were compared. */
export function checkVendored(
  repoRoot: string,
  sharedDir: string,
  files: readonly VendoredFile[] = VENDORED_FILES,
  folders: readonly VendoredFolder[] = VENDORED_FOLDERS,
): { compared: number; drifts: Drift[] } {
  const drifts: Drift[] = [];
  let compared = 0;
  for (const f of files) {
    compared++;
    const d = compareFile(join(repoRoot, f.copy), join(sharedDir, f.original), f.form, f.copy, f.original);
    if (d) drifts.push(d);
  }
  for (const dir of folders) {
    const suffix = dir.form === 'gzip' ? '.gz' : '';
    const originalDir = join(sharedDir, dir.original);
    const copyDir = join(repoRoot, dir.copy);
    if (!existsSync(originalDir) || !existsSync(copyDir)) {
      drifts.push({ copy: dir.copy, original: dir.original, problem: existsSync(copyDir) ? 'the original folder is gone' : 'the copy folder is missing' });
      continue;
    }
    const originals = readdirSync(originalDir).filter((n) => n.endsWith(dir.ext)).sort();
    const copies = new Set(readdirSync(copyDir).filter((n) => n.endsWith(dir.ext + suffix)));
    for (const name of originals) {
      compared++;
      copies.delete(name + suffix);
      const d = compareFile(join(copyDir, name + suffix), join(originalDir, name), dir.form, `${dir.copy}/${name}${suffix}`, `${dir.original}/${name}`);
      if (d) drifts.push(d);
    }
    for (const extra of copies) drifts.push({ copy: `${dir.copy}/${extra}`, original: dir.original, problem: 'has no original any more' });
  }
  return { compared, drifts };
}
