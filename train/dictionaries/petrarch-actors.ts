// npm run data:petrarch: converts PETRARCH2's actor and agent dictionaries (MIT, Open Event Data)
// into shared/analysis/data/petrarch/: organizations.json, agents.json, people.json, the LICENSE
// they come under, and the counts in that folder's README (between its `counts` markers).
// Deterministic: the same dictionaries and project data give the same bytes.
//
//   npm run data:petrarch [-- --petrarch-dir ../shared/resources/petrarch2] [--ud-dir ../shared/ud-ewt]
//                         [--out DIR] [--check] [--list REASON]
//
// UD English EWT tells ordinary English words from names: a one-word name that is a word ("WHO",
// "CARE") must be written in capitals to match.
// --check writes nothing and fails when a file in --out differs from what the dictionaries give
// (run it after changing the project's data: organisations it names win over converted forms).
// --list prints every skipped record or parse issue with that reason ("all" for all of them).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convert, serialize, SOURCE_FILES, type Conversion, type Sources } from './petrarch-convert.js';
import { projectData } from './project-names.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COUNTS_START = '<!-- counts: written by npm run data:petrarch -->';
const COUNTS_END = '<!-- /counts -->';
/** How many examples of each skip reason the summary prints. */
const EXAMPLES = 3;

class PetrarchSourceError extends Error {
  override name = 'PetrarchSourceError';
}

function readSources(dir: string): Sources {
  const out: Partial<Sources> = {};
  for (const [key, file] of Object.entries(SOURCE_FILES) as [keyof Sources, string][]) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      throw new PetrarchSourceError(`${path} not found: pass --petrarch-dir with the folder holding PETRARCH2's ${Object.values(SOURCE_FILES).join(', ')} (openeventdata/petrarch2, petrarch2/data/dictionaries)`);
    }
    out[key] = readFileSync(path, 'utf8');
  }
  return out as Sources;
}

function countBy<T>(items: T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The README section with the counts, in Markdown. */
function countsSection(c: Conversion, sizes: Record<string, number>): string {
  const { organizations, agents, people } = c;
  const r = c.report;
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  const orgs = organizations.organizations;
  const roles = people.people.flatMap((p) => p.roles);
  const lines = [
    COUNTS_START,
    '',
    '| file | entries | names | size |',
    '| --- | --- | --- | --- |',
    `| organizations.json | ${orgs.length} organisations (${countBy(orgs, (o) => o.kind).map(([k, n]) => `${k} ${n}`).join(', ')}) | ${orgs.reduce((n, o) => n + o.forms.length, 0)} forms, ${orgs.reduce((n, o) => n + (o.memberForms?.length ?? 0), 0)} member forms | ${kb(sizes['organizations.json'])} |`,
    `| agents.json | ${agents.agents.length} agent nouns (${countBy(agents.agents, (a) => a.class).slice(0, 8).map(([k, n]) => `${k} ${n}`).join(', ')}, ...) | ${agents.agents.reduce((n, a) => n + 1 + a.plurals.length, 0)} forms with plurals | ${kb(sizes['agents.json'])} |`,
    `| people.json | ${people.people.length} people, ${roles.length} roles (${roles.filter((x) => x.from || x.to).length} dated), horizon ${people.header.horizon} | ${people.people.reduce((n, p) => n + p.forms.length, 0)} forms | ${kb(sizes['people.json'])} |`,
    '',
    `Source lines read as records: ${Object.entries(r.files).map(([k, f]) => `${SOURCE_FILES[k as keyof Sources]} ${f.records} records (${f.lines} lines)`).join('; ')}.`,
    '',
    'Left out or repaired, by reason (`npm run data:petrarch -- --list REASON` lists them):',
    '',
    '| reason | count |',
    '| --- | --- |',
    ...countBy([...r.issues.map((i) => i.reason as string), ...r.skipped.map((s) => s.reason as string)], (x) => x).map(([k, n]) => `| ${k} | ${n} |`),
    '',
    `${r.overlaps.length} converted organisations are also in ../organizations.json (\`projectId\`); ${r.sharedForms} forms name more than one converted organisation.`,
    '',
    `Countries file: ${r.countries.forms} names of countries, territories, cities and regions, ${r.countries.known} of them already in the project's gazetteer for the same country. The rest would add ${r.countries.adjectives.length} adjectives or demonyms (${r.countries.adjectives.slice(0, 4).join(', ')}...), ${r.countries.spellings.length} other spellings of country names (${r.countries.spellings.slice(0, 4).join(', ')}...) and ${r.countries.otherNames.length} other names: cities, provinces, regions, historical and foreign-language names (${r.countries.otherNames.slice(0, 4).join(', ')}...).`,
    '',
    COUNTS_END,
  ];
  return lines.join('\n');
}

function printSummary(c: Conversion, sizes: Record<string, number>, list: string | undefined): void {
  const r = c.report;
  const all = [
    ...r.issues.map((i) => ({ reason: i.reason as string, where: `${i.file}:${i.line}`, text: i.text, detail: i.detail })),
    ...r.skipped.map((s) => ({ reason: s.reason as string, where: s.source, text: s.text, detail: s.detail })),
  ];
  console.log(`organizations ${c.organizations.organizations.length}, agents ${c.agents.agents.length}, people ${c.people.people.length} (horizon ${c.people.header.horizon})`);
  console.log(`sizes: ${Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(0)} KB`).join(', ')}`);
  for (const [reason, n] of countBy(all, (x) => x.reason)) {
    console.log(`${reason}: ${n}`);
    const shown = list === reason || list === 'all' ? all.filter((x) => x.reason === reason) : all.filter((x) => x.reason === reason).slice(0, EXAMPLES);
    for (const x of shown) console.log(`    ${x.where}  ${x.text.slice(0, 100)}${x.detail ? `  (${x.detail})` : ''}`);
  }
  console.log(`overlaps with organizations.json: ${r.overlaps.length}`);
  if (list === 'overlaps') for (const o of r.overlaps) console.log(`    ${o.projectId} = ${o.id} (${o.name})`);
  if (list === 'countries') {
    console.log(`adjectives: ${r.countries.adjectives.join(', ')}`);
    console.log(`spellings: ${r.countries.spellings.join(', ')}`);
    console.log(`other names: ${r.countries.otherNames.join(', ')}`);
  }
}

function main(): void {
  const { values: args } = parseArgs({
    options: {
      'petrarch-dir': { type: 'string', default: resolve(ROOT, '../shared/resources/petrarch2') },
      'ud-dir': { type: 'string', default: resolve(ROOT, '../shared/ud-ewt') },
      out: { type: 'string', default: join(ROOT, 'shared/analysis/data/petrarch') },
      check: { type: 'boolean', default: false },
      list: { type: 'string' },
    },
  });
  const dir = resolve(args['petrarch-dir']);
  const out = resolve(args.out);
  const conversion = convert(readSources(dir), projectData(resolve(args['ud-dir'])));
  const files: Record<string, string> = {
    'organizations.json': serialize(conversion.organizations),
    'agents.json': serialize(conversion.agents),
    'people.json': serialize(conversion.people),
  };
  const sizes = Object.fromEntries(Object.entries(files).map(([f, s]) => [f, Buffer.byteLength(s)]));
  const readmePath = join(out, 'README.md');
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : `# PETRARCH2 actor data\n\n${COUNTS_START}\n${COUNTS_END}\n`;
  const at = readme.indexOf(COUNTS_START);
  const end = readme.indexOf(COUNTS_END);
  if (at < 0 || end < at) throw new PetrarchSourceError(`${readmePath} has no ${COUNTS_START} ... ${COUNTS_END} section to write the counts into`);
  files['README.md'] = readme.slice(0, at) + countsSection(conversion, sizes) + readme.slice(end + COUNTS_END.length);
  files.LICENSE = readFileSync(join(dir, 'LICENSE'), 'utf8');

  printSummary(conversion, sizes, args.list);
  if (args.check) {
    const stale = Object.entries(files).filter(([f, s]) => !existsSync(join(out, f)) || readFileSync(join(out, f), 'utf8') !== s).map(([f]) => f);
    if (stale.length > 0) {
      console.error(`out of date in ${out}: ${stale.join(', ')}; run npm run data:petrarch`);
      process.exitCode = 1;
    } else console.log(`${out} is up to date`);
    return;
  }
  mkdirSync(out, { recursive: true });
  for (const [f, s] of Object.entries(files)) writeFileSync(join(out, f), s);
  console.log(`wrote ${Object.keys(files).join(', ')} to ${out}`);
}

try {
  main();
} catch (e: unknown) {
  console.error(e instanceof PetrarchSourceError ? e.message : e);
  process.exitCode = 1;
}
