import { describe, expect, it } from 'vitest';
import {
  pairMarkerItems, parseActorDictionary, parseAgentDictionary, parseCodeGroup, parseDictionaryDate, regularPlural,
} from '../../train/dictionaries/petrarch-parse.js';

const actors = (...lines: string[]) => parseActorDictionary(lines.join('\n'), 'test.actors.txt');
const agents = (...lines: string[]) => parseAgentDictionary(lines.join('\n'), 'test.agents.txt');
const reasons = (d: { issues: { reason: string }[] }) => d.issues.map((i) => i.reason);

describe('dates', () => {
  it('reads YYMMDD with the 00-30 pivot and YYYYMMDD', () => {
    expect(parseDictionaryDate('000507')?.iso).toBe('2000-05-07');
    expect(parseDictionaryDate('300101')?.iso).toBe('2030-01-01');
    expect(parseDictionaryDate('310101')?.iso).toBe('1931-01-01');
    expect(parseDictionaryDate('19270101')?.iso).toBe('1927-01-01');
  });

  it('refuses days the calendar does not have', () => {
    expect(parseDictionaryDate('20100229')).toBeUndefined();
    expect(parseDictionaryDate('20120229')?.iso).toBe('2012-02-29');
    expect(parseDictionaryDate('000931')).toBeUndefined();
    expect(parseDictionaryDate('0501')).toBeUndefined();
  });

  it('reads odd lengths as PETRARCH2 does and says so', () => {
    expect(parseDictionaryDate('201005011')).toEqual({ iso: '2010-05-01', odd: true });
    expect(parseDictionaryDate('9008223')).toEqual({ iso: '1990-08-22', odd: true });
  });
});

describe('code groups', () => {
  it('read a default code and the three restrictions, inclusive bounds as ISO dates', () => {
    expect(parseCodeGroup('IGOUNO')).toEqual({ ok: true, code: 'IGOUNO' });
    expect(parseCodeGroup('RUSGOV >080508')).toMatchObject({ ok: true, code: 'RUSGOV', from: '2008-05-08' });
    expect(parseCodeGroup('HTIOPPMED <061231')).toMatchObject({ ok: true, code: 'HTIOPPMED', to: '2006-12-31' });
    expect(parseCodeGroup('RUSGOV 991231-080507')).toMatchObject({ ok: true, from: '1999-12-31', to: '2008-05-07' });
    expect(parseCodeGroup('IGOUNO  >070201')).toMatchObject({ ok: true, from: '2007-02-01' });
  });

  it('refuse a reversed range, a bare date and a bad code', () => {
    expect(parseCodeGroup('EGYGOV 20121207-20120802')).toMatchObject({ ok: false, reason: 'bad-date' });
    expect(parseCodeGroup('MNEGOV 20121204')).toMatchObject({ ok: false, reason: 'bad-date' });
    expect(parseCodeGroup('~ENV}')).toMatchObject({ ok: false, reason: 'bad-code' });
  });
});

describe('actor dictionaries', () => {
  it('read a synonym block: primary, + synonyms and tab-indented dated codes', () => {
    const d = actors(
      'VLADIMIR_PUTIN_  # CountryInfo.txt',
      '+PUTIN_',
      '+PRESIDENT_VLADIMIR_PUTIN',
      '\t[RUSELI 700101-990809]',
      '\t[RUSGOV >080508]',
      '\t[RUSELI]',
    );
    expect(d.records).toHaveLength(1);
    const r = d.records[0];
    expect(r.phrases.map((p) => p.words)).toEqual([['VLADIMIR', 'PUTIN'], ['PUTIN'], ['PRESIDENT', 'VLADIMIR', 'PUTIN']]);
    expect(r.codes.map(({ line: _, ...c }) => c)).toEqual([
      { code: 'RUSELI', from: '1970-01-01', to: '1999-08-09' },
      { code: 'RUSGOV', from: '2008-05-08', to: undefined },
      { code: 'RUSELI', from: undefined, to: undefined },
    ]);
    expect(r.comments).toEqual(['CountryInfo.txt']);
    expect(d.issues).toEqual([]);
  });

  it('tell exact words (trailing _) from stems', () => {
    const [r] = actors('UN_SECRETARY_GENERAL', '+KOFI_ANNAN_', '\t[IGOUNO]').records;
    expect(r.phrases.map((p) => p.exact)).toEqual([false, true]);
  });

  it('read several code groups on one line, with or without a blank between them', () => {
    const [a, b] = actors(
      'MUHAMMAD_AL-BARADEI_\t[IGOUNOIAE 971201-091130][EGYOPP]\t# IAEA',
      'ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# US Sec of Agri.',
    ).records;
    expect(a.codes.map((c) => c.code)).toEqual(['IGOUNOIAE', 'EGYOPP']);
    expect(b.codes.map((c) => [c.code, c.from, c.to])).toEqual([['USAGOV', '2001-01-20', '2005-01-20'], ['IGOUNOKID', '2005-05-01', undefined]]);
    expect(b.comments).toEqual(['US Sec of Agri.']);
  });

  it('skip # and XML comments, blank lines and headings, and remember the heading', () => {
    const d = actors(
      '# header comment',
      '######   NATO  ########',
      '<!-- one line -->',
      'NATO_ <!-- inline --> # trailing',
      '',
      '<!-- several',
      'LINES_ [XXX]',
      '-->',
      '+NORTH_ATLANTIC_TREATY_ORGANIZATION_',
      '\t[IGOWSTNAT]',
    );
    expect(d.records).toHaveLength(1);
    expect(d.records[0].section).toBe('NATO');
    expect(d.records[0].phrases.map((p) => p.words.join('_'))).toEqual(['NATO', 'NORTH_ATLANTIC_TREATY_ORGANIZATION']);
  });

  it('report a null code, a bad date, an odd date and trailing text, keeping the good codes', () => {
    const d = actors(
      'JEAN_MARIE_GUEHENNO_\t[IGOUNO 000101-080801] [---]',
      'SOMEONE_\t[KORGOVBUS 2004017-20061201] [KORELI]',
      'DAVID_CAMERON_',
      '\t[GBRGOV >201005011]',
      'A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000',
    );
    expect(reasons(d)).toEqual(['null-code', 'bad-date', 'odd-date', 'trailing-text']);
    expect(d.records.map((r) => r.codes.map((c) => c.code))).toEqual([['IGOUNO'], ['KORELI'], ['GBRGOV'], ['MNCMED']]);
    expect(d.records[2].codes[0].from).toBe('2010-05-01');
  });

  it('split synonyms run together by a +, but not a + inside a name', () => {
    const d = actors('ADEN_ISLAMIC_ARMY_ [YEMREB]', '+JAISH_ADAN_AL_ISLAMI+_ISLAMIC_ADEN_ARMY_', 'B+H_OCEAN_CARRIERS_\t[MNCBMU]');
    expect(d.records[0].phrases.map((p) => p.words.join('_'))).toEqual(['ADEN_ISLAMIC_ARMY', 'JAISH_ADAN_AL_ISLAMI', 'ISLAMIC_ADEN_ARMY']);
    expect(d.records[1].phrases[0].words).toEqual(['B+H', 'OCEAN', 'CARRIERS']);
    expect(reasons(d)).toEqual(['joined-synonyms']);
  });

  it('join a code-less record to the next line\'s record when they share a name (a lost +)', () => {
    const d = actors(
      'BORIS_YELTSIN_  # CountryInfo.txt',
      'BORIS_N._YELTSIN',
      'PRESIDENT_YELTSIN',
      '\t[RUSGOV 910710-991231]',
    );
    expect(d.records).toHaveLength(1);
    expect(d.records[0].phrases.map((p) => p.words.join('_'))).toEqual(['BORIS_YELTSIN', 'BORIS_N._YELTSIN', 'PRESIDENT_YELTSIN']);
    expect(d.records[0].line).toBe(1);
    expect(reasons(d)).toEqual(['no-code-joined-next', 'no-code-joined-next']);
  });

  it('leave code-less records alone otherwise: after a blank line, another name, or codes that were all refused', () => {
    const d = actors(
      'U.N._',
      '',
      'UN_ [IGOUNO]',
      'MUHAJIRIN_WA-ANSAR_ALLIANCE',
      'JUND_AL_AQSA',
      '\t[SYRREBMUS]',
      'DAVID_CAMERON_',
      '\t[GBRGOV 2010]',
      'DAVID_MILIBAND_',
      '\t[GBRGOV 070628-100511]',
    );
    expect(d.records.map((r) => r.phrases[0].words.join('_'))).toEqual(['UN', 'JUND_AL_AQSA', 'DAVID_MILIBAND']);
    expect(reasons(d)).toEqual(['no-code', 'no-code', 'bad-date', 'no-code']);
  });

  it('report a synonym before any record and damaged characters', () => {
    const d = actors('+ORPHAN_', 'NIGERIA_ [NGA]', '+NIG\uFFFDERIA_', '+NIGERIAN_');
    expect(reasons(d)).toEqual(['orphan-line', 'damaged-encoding']);
    expect(d.records[0].phrases.map((p) => p.words[0])).toEqual(['NIGERIA', 'NIGERIAN']);
  });
});

describe('agent dictionary', () => {
  it('forms English regular plurals', () => {
    expect(regularPlural(['MINISTRY'])).toEqual(['MINISTRIES']);
    expect(regularPlural(['ENVOY'])).toEqual(['ENVOYS']);
    expect(regularPlural(['BOSS'])).toEqual(['BOSSES']);
    expect(regularPlural(['CHURCH'])).toEqual(['CHURCHES']);
    expect(regularPlural(['FOREIGN', 'MINISTER'])).toEqual(['FOREIGN', 'MINISTERS']);
  });

  it('reads regular, irregular and absent plurals and where the code goes', () => {
    const d = agents(
      'REBEL [~REB] # comment',
      'ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]',
      'POLICE {} [~COP]',
      'HUMAN_RIGHTS_BODY  [NGO~]',
    );
    expect(d.agents.map((a) => [a.words.join(' '), a.plural.join(' '), a.code, a.position])).toEqual([
      ['REBEL', 'REBELS', 'REB', 'after'],
      ['ATTORNEY GENERAL', 'ATTORNEYS GENERAL', 'GOVATG', 'after'],
      ['POLICE', '', 'COP', 'after'],
      ['HUMAN RIGHTS BODY', 'HUMAN RIGHTS BODIES', 'NGO', 'before'],
    ]);
  });

  it('substitutes markers, pairing singulars with plurals, and puts back a marker caught inside a word', () => {
    expect(pairMarkerItems(['MAN', 'MEN', 'WOMAN', 'WOMEN', 'PERSON'])).toEqual([
      { singular: 'MAN', plural: 'MEN' }, { singular: 'WOMAN', plural: 'WOMEN' }, { singular: 'PERSON', plural: undefined },
    ]);
    const d = agents(
      '!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON',
      '!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES',
      'CONGRESS!PERSON! [~LEG]',
      '!MINIST! OF_TERRITORIAL_AD!MINIST!RATION [~GOV]',
    );
    expect(d.agents.map((a) => `${a.words.join(' ')}/${a.plural.join(' ')}`)).toEqual([
      'CONGRESSMAN/CONGRESSMEN', 'CONGRESSWOMAN/CONGRESSWOMEN', 'CONGRESSPERSON/',
      'MINISTER OF TERRITORIAL ADMINISTRATION/MINISTERS OF TERRITORIAL ADMINISTRATION',
      'MINISTRY OF TERRITORIAL ADMINISTRATION/MINISTRIES OF TERRITORIAL ADMINISTRATION',
    ]);
    expect(reasons(d)).toEqual(['agent-marker-in-word']);
  });

  it('reports lines without a code, unknown markers and a phrase listed again with another code (the later wins)', () => {
    const d = agents('ISLAMIC_EXTREMIST', '!NOPE! FOR_X [~GOV]', 'SECURITY_FORCE [~COP]', 'SECURITY_FORCE [~MIL]', 'DEPARMENT_OF_ENVIRONMENT [~ENV}');
    expect(reasons(d)).toEqual(['agent-without-code', 'agent-unknown-marker', 'agent-code-conflict', 'bad-code']);
    expect(d.agents.map((a) => a.code)).toEqual(['MIL']);
  });
});
