// Hand-made digests for the renderers' tests: one realistic day (sampleDigest) whose article URLs
// can point at a local server, and generated digests of any size for the layout's edge cases.

import type { Digest, DigestActor, DigestArticle, DigestEvidence, DigestRelation, DigestStance } from '../../shared/digest/types.js';

export interface SampleDigestOptions {
  /** Where the article URLs point, e.g. a local test server's origin. */
  articleOrigin?: string;
}

interface ActorSpec { id: string; name: string; type: string; country?: string; salience: number; articles: number }

const ACTORS: ActorSpec[] = [
  { id: 'USA', name: 'United States', type: 'country', country: 'USA', salience: 0.86, articles: 9 },
  { id: 'RUS', name: 'Russia', type: 'country', country: 'RUS', salience: 0.81, articles: 8 },
  { id: 'UKR', name: 'Ukraine', type: 'country', country: 'UKR', salience: 0.72, articles: 7 },
  { id: 'CHN', name: 'China', type: 'country', country: 'CHN', salience: 0.55, articles: 4 },
  { id: 'european-union', name: 'European Union', type: 'organization', salience: 0.5, articles: 4 },
  { id: 'VEN', name: 'Venezuela', type: 'country', country: 'VEN', salience: 0.44, articles: 3 },
  { id: 'nicolas-maduro', name: 'Nicolás Maduro', type: 'person', country: 'VEN', salience: 0.38, articles: 3 },
  { id: 'maria-zakharova', name: 'Maria Zakharova', type: 'person', country: 'RUS', salience: 0.3, articles: 2 },
  { id: 'GBR', name: 'United Kingdom', type: 'country', country: 'GBR', salience: 0.28, articles: 2 },
  { id: 'nato', name: 'NATO', type: 'organization', salience: 0.26, articles: 2 },
  { id: 'IRN', name: 'Iran', type: 'country', country: 'IRN', salience: 0.2, articles: 1 },
  { id: 'united-nations', name: 'United Nations', type: 'organization', salience: 0.16, articles: 1 },
];

interface ArticleSpec { slug: string; site: string; title: string; summary: string; published: string; duplicates?: { slug: string; site: string }[] }

const ARTICLES: ArticleSpec[] = [
  { slug: 'us-sanctions-threat', site: 'Reuters', title: 'US threatens Russia with new sanctions over Black Sea strikes', published: '2026-11-28T06:40:00Z',
    summary: 'Washington said new sanctions on Russian banks were ready if strikes on Ukrainian grain ports continued.',
    duplicates: [{ slug: 'us-sanctions-threat-wire', site: 'Yahoo News' }] },
  { slug: 'eu-aid-package', site: 'Politico Europe', title: 'EU agrees €5bn military aid package for Ukraine', published: '2026-11-28T09:15:00Z',
    summary: 'Member states approved a €5bn fund for air defence & artillery ammunition after a week of talks.' },
  { slug: 'moscow-accuses-london', site: 'TASS', title: 'Zakharova accuses London of "direct involvement" in drone attacks', published: '2026-11-28T11:02:00Z',
    summary: 'The Russian foreign ministry spokeswoman said British instructors helped plan the attacks; London rejected the claim.' },
  { slug: 'china-russia-trade', site: 'South China Morning Post', title: 'China and Russia sign energy and trade accords', published: '2026-11-28T03:30:00Z',
    summary: 'Beijing and Moscow signed agreements on gas supplies and payments in national currencies.' },
  { slug: 'venezuela-sanctions', site: 'AP News', title: 'Washington reimposes oil sanctions on Venezuela; Moscow and Tehran back Maduro', published: '2026-11-28T14:20:00Z',
    summary: 'The US Treasury restored sanctions on Venezuelan oil; Russia and Iran said they stood by Nicolás Maduro.' },
  { slug: 'nato-summit', site: 'BBC News', title: 'NATO condemns Russian strikes, pledges more air defence to Kyiv', published: '2026-11-28T16:05:00Z',
    summary: 'Allied ministers condemned the strikes and promised additional air-defence systems for Ukraine.' },
  { slug: 'un-grain-corridor', site: 'Al Jazeera', title: 'UN urges Russia and Ukraine to protect Black Sea grain corridor', published: '2026-11-28T12:45:00Z',
    summary: 'The UN secretary-general called on both sides to keep shipping lanes open and praised Ukraine for reopening Odesa.' },
  { slug: 'kyiv-strikes', site: 'Kyiv Independent', title: 'Russian missiles hit Odesa port for the third night', published: '2026-11-28T01:10:00Z',
    summary: 'Missiles and drones damaged grain terminals; Ukraine said it shot down most of the drones.' },
];

interface StanceSpec { article: string; source: string; target: string; text: string; score: number; category: string; claim?: string }

const STANCES: StanceSpec[] = [
  { article: 'us-sanctions-threat', source: 'USA', target: 'RUS', score: -5.8, category: 'threaten',
    text: 'The United States threatened Russia with new sanctions on its largest banks if the strikes on grain ports continue.' },
  { article: 'us-sanctions-threat', source: 'USA', target: 'RUS', score: -4, category: 'criticise',
    text: 'Secretary of State said Moscow’s attacks on civilian ports were “a deliberate attempt to starve the world”.' },
  { article: 'nato-summit', source: 'USA', target: 'UKR', score: 7.4, category: 'aid',
    text: 'Washington will deliver two more Patriot batteries to Ukraine before the end of the year.' },
  { article: 'eu-aid-package', source: 'european-union', target: 'UKR', score: 7.4, category: 'aid',
    text: 'The European Union approved a €5bn package of military aid for Ukraine, including air defence and artillery shells.' },
  { article: 'eu-aid-package', source: 'european-union', target: 'RUS', score: -3, category: 'criticise',
    text: 'EU foreign ministers condemned Russia for what they called “systematic attacks on food security”.' },
  { article: 'kyiv-strikes', source: 'RUS', target: 'UKR', score: -10, category: 'attack',
    text: 'Russia launched 40 drones and six missiles at the port of Odesa overnight, damaging two grain terminals.' },
  { article: 'moscow-accuses-london', source: 'maria-zakharova', target: 'GBR', score: -2, category: 'accuse', claim: 'maria-zakharova',
    text: 'Maria Zakharova accused the United Kingdom of direct involvement in the drone attacks on Crimea.' },
  { article: 'moscow-accuses-london', source: 'GBR', target: 'RUS', score: -4, category: 'reject',
    text: 'The United Kingdom rejected the accusation as “baseless disinformation”.' },
  { article: 'moscow-accuses-london', source: 'RUS', target: 'USA', score: -2, category: 'accuse',
    text: 'Moscow accused Washington of prolonging the war by arming Kyiv.' },
  { article: 'china-russia-trade', source: 'CHN', target: 'RUS', score: 8, category: 'agree',
    text: 'China and Russia signed a long-term agreement on gas supplies through the Power of Siberia 2 pipeline.' },
  { article: 'china-russia-trade', source: 'RUS', target: 'CHN', score: 3.4, category: 'praise',
    text: 'The Kremlin praised Beijing’s “balanced and responsible position” on the conflict.' },
  { article: 'venezuela-sanctions', source: 'USA', target: 'VEN', score: -8, category: 'sanction',
    text: 'The US Treasury reimposed sanctions on Venezuela’s state oil company, citing the failure to hold free elections.' },
  { article: 'venezuela-sanctions', source: 'RUS', target: 'nicolas-maduro', score: 3, category: 'support',
    text: 'Russia and Iran said they stood firmly behind President Nicolás Maduro.' },
  { article: 'venezuela-sanctions', source: 'IRN', target: 'nicolas-maduro', score: 3, category: 'support',
    text: 'Russia and Iran said they stood firmly behind President Nicolás Maduro.' },
  { article: 'venezuela-sanctions', source: 'nicolas-maduro', target: 'USA', score: -4, category: 'reject',
    text: 'Maduro rejected the sanctions as “economic aggression” and said Venezuela would not bow to Washington.' },
  { article: 'nato-summit', source: 'nato', target: 'RUS', score: -3, category: 'criticise',
    text: 'NATO foreign ministers condemned the Russian strikes on Ukrainian ports and energy infrastructure.' },
  { article: 'nato-summit', source: 'nato', target: 'UKR', score: 5, category: 'aid',
    text: 'The alliance pledged additional air-defence systems for Ukraine over the winter.' },
  { article: 'un-grain-corridor', source: 'united-nations', target: 'UKR', score: 3.4, category: 'praise',
    text: 'The UN secretary-general praised Ukraine for reopening the port of Odesa to humanitarian shipments.' },
  { article: 'un-grain-corridor', source: 'united-nations', target: 'RUS', score: -2, category: 'criticise',
    text: 'He criticised Russia for strikes that “put the world’s food supply at risk”.' },
];

export function sampleDigest(options: SampleDigestOptions = {}): Digest {
  const origin = (options.articleOrigin ?? 'https://news.example').replace(/\/$/, '');
  const urlOf = (slug: string) => `${origin}/news/${slug}`;
  const actorName = new Map(ACTORS.map((a) => [a.id, a.name]));
  const nameOf = (id: string) => actorName.get(id) ?? id;
  const articleOf = new Map(ARTICLES.map((a) => [a.slug, a]));

  const evidenceOf = (s: StanceSpec): DigestEvidence => {
    const a = articleOf.get(s.article)!;
    return { articleId: idOf(s.article), url: urlOf(s.article), title: a.title, site: a.site, text: s.text, score: s.score, category: s.category, claim: s.claim ?? null };
  };

  const grouped = new Map<string, StanceSpec[]>();
  for (const s of STANCES) {
    const key = `${s.source}>${s.target}`;
    grouped.set(key, [...(grouped.get(key) ?? []), s]);
  }
  const relations: DigestRelation[] = [...grouped.values()]
    .map((list) => {
      const net = round1(list.reduce((sum, s) => sum + s.score, 0));
      return {
        source: list[0].source,
        target: list[0].target,
        sourceName: nameOf(list[0].source),
        targetName: nameOf(list[0].target),
        net,
        count: list.length,
        polarity: Math.sign(net) as -1 | 0 | 1,
        evidence: [...list].sort((a, b) => Math.abs(b.score) - Math.abs(a.score)).map(evidenceOf),
      };
    })
    .sort((a, b) => Math.abs(b.net) - Math.abs(a.net));

  const topActors: DigestActor[] = ACTORS.map((a) => {
    const given = STANCES.filter((s) => s.source === a.id);
    const received = STANCES.filter((s) => s.target === a.id);
    return {
      id: a.id, name: a.name, type: a.type, ...(a.country ? { country: a.country } : {}),
      salience: a.salience, articles: a.articles, mentions: a.articles * 4,
      given: mean(given.map((s) => s.score)), received: mean(received.map((s) => s.score)),
      givenCount: given.length, receivedCount: received.length,
    };
  });

  const topStances: DigestStance[] = [...STANCES]
    .sort((a, b) => Math.abs(b.score) - Math.abs(a.score))
    .slice(0, 6)
    .map((s) => ({ ...evidenceOf(s), source: s.source, target: s.target, sourceName: nameOf(s.source), targetName: nameOf(s.target), polarity: Math.sign(s.score) as -1 | 0 | 1 }));

  const articles: DigestArticle[] = ARTICLES.map((a) => ({
    id: idOf(a.slug), title: a.title, url: urlOf(a.slug), site: a.site, publishedTime: a.published, summary: a.summary,
    ...(a.duplicates ? { duplicates: a.duplicates.map((d) => ({ id: idOf(d.slug), url: urlOf(d.slug), site: d.site })) } : {}),
  }));

  const siteCounts = new Map<string, number>();
  for (const a of ARTICLES) siteCounts.set(a.site, (siteCounts.get(a.site) ?? 0) + 1);

  return {
    date: '2026-11-28',
    generatedAt: '2026-11-29T00:05:00.000Z',
    articleCount: ARTICLES.length,
    duplicateCount: 1,
    sources: [...siteCounts].map(([site, count]) => ({ site, count })).sort((a, b) => b.count - a.count || a.site.localeCompare(b.site)),
    topActors,
    relations,
    topStances,
    articles,
    changes: {
      since: '2026-11-27',
      newRelations: [
        { source: 'CHN', target: 'RUS', sourceName: 'China', targetName: 'Russia', net: 8 },
        { source: 'USA', target: 'VEN', sourceName: 'United States', targetName: 'Venezuela', net: -8 },
      ],
      reversed: [{ source: 'GBR', target: 'RUS', sourceName: 'United Kingdom', targetName: 'Russia', net: -4, previousNet: 2.5 }],
      rising: [{ id: 'VEN', name: 'Venezuela', articles: 3, previousArticles: 0, salience: 0.44, previousSalience: 0 }],
      falling: [{ id: 'IRN', name: 'Iran', articles: 1, previousArticles: 4, salience: 0.2, previousSalience: 0.51 }],
    },
  };
}

/** Every URL the sample's articles (and their duplicates) point at, for a server to serve. */
export function sampleArticleUrls(d: Digest): { url: string; title: string }[] {
  return d.articles.flatMap((a) => [
    { url: a.url, title: a.title ?? a.url },
    ...(a.duplicates ?? []).map((dup) => ({ url: dup.url, title: `${a.title ?? a.url} (${dup.site ?? 'copy'})` })),
  ]);
}

/**
 * A digest of `actors` actors and up to `relations` relations between them, from a seed: for the
 * layout's edge cases (0, 1, 2, 60+ nodes) and determinism tests.
 */
export function generatedDigest(actors: number, relations: number, seed = 7): Digest {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const topActors: DigestActor[] = Array.from({ length: actors }, (_, i) => ({
    id: `actor-${i}`, name: `Actor ${i} ${'of the long name '.slice(0, Math.floor(next() * 16))}`.trim(), type: 'organization',
    salience: round2(next()), articles: 1 + Math.floor(next() * 9), mentions: 3, given: 0, received: 0, givenCount: 0, receivedCount: 0,
  }));
  const rels: DigestRelation[] = [];
  const seen = new Set<string>();
  for (let tries = 0; rels.length < relations && actors > 1 && tries < relations * 20; tries++) {
    const s = Math.floor(next() * actors);
    const t = Math.floor(next() * actors);
    if (s === t || seen.has(`${s}>${t}`)) continue;
    seen.add(`${s}>${t}`);
    const net = round1((next() - 0.5) * 20);
    rels.push({
      source: topActors[s].id, target: topActors[t].id, sourceName: topActors[s].name, targetName: topActors[t].name,
      net, count: 1, polarity: Math.sign(net) as -1 | 0 | 1,
      evidence: [{ articleId: 'a0', url: 'https://news.example/a0', text: `${topActors[s].name} acted on ${topActors[t].name}.`, score: net, category: 'other' }],
    });
  }
  return {
    date: '2026-11-28', generatedAt: '2026-11-29T00:05:00.000Z', articleCount: 1, duplicateCount: 0,
    sources: [{ site: 'news.example', count: 1 }], topActors, relations: rels, topStances: [],
    articles: [{ id: 'a0', url: 'https://news.example/a0', title: 'Generated', site: 'news.example', summary: 'A generated article.' }],
    changes: { newRelations: [], reversed: [], rising: [], falling: [] },
  };
}

function idOf(slug: string): string {
  // A stable 16-hex id per slug, shaped like the pipeline's (sha256 of the URL, cut to 16).
  let h = 0x811c9dc5;
  for (const ch of slug) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (h.toString(16).padStart(8, '0') + (h ^ 0x5bd1e995).toString(16).padStart(8, '0')).slice(0, 16);
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : round1(xs.reduce((a, b) => a + b, 0) / xs.length);
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
