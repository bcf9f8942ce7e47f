import { describe, expect, it } from 'vitest';
import { analyse, analyseArticle } from '../../shared/analysis/analyse.js';

const TEXT = 'Russia, China and Iran have thrown their weight behind Maduro. The US threatened Russia with new sanctions last month.';

describe('analyse', () => {
  it('returns actors, stances and a summary in the contract shape', () => {
    const a = analyse(TEXT);
    expect(a.actors.map((x) => x.id)).toEqual(expect.arrayContaining(['RUS', 'CHN', 'IRN', 'USA']));
    for (const actor of a.actors) {
      expect(actor.salience).toBeGreaterThanOrEqual(0);
      expect(actor.salience).toBeLessThanOrEqual(1);
    }
    expect(a.stances).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: 'USA', target: 'RUS', polarity: -1, category: 'threaten' }),
    ]));
    expect(a.summary.length).toBeGreaterThan(0);
    expect(a.summary.length).toBeLessThanOrEqual(3);
  });

  it('knows the organisations PETRARCH2 lists: companies and armed groups, not a leader coded as his group, not a common word alone', () => {
    const actorsOf = (text: string) => analyse(text).actors.map((x) => ({ id: x.id, name: x.name, type: x.type, said: x.mentions.map((m) => text.slice(m.start, m.end)) }));
    expect(actorsOf('Morgan Stanley and Wells Fargo raised their forecasts on Tuesday.')).toEqual([
      { id: 'morgan-stanley', name: 'Morgan Stanley', type: 'organization', said: ['Morgan Stanley'] },
      { id: 'wells-fargo', name: 'Wells Fargo', type: 'organization', said: ['Wells Fargo'] },
    ]);
    // The dictionaries write the acronym "Unita"; the text's capitals are kept.
    expect(actorsOf('The UNITA militarist wing refused to allow United Nations planes to land.')[0]).toEqual(
      { id: 'unita', name: 'UNITA', type: 'group', said: ['UNITA'] },
    );
    expect(actorsOf('Osama bin Laden praised the attack.')).toEqual([
      { id: 'osama-bin-laden', name: 'Osama bin Laden', type: 'person', said: ['Osama bin Laden'] },
    ]);
    expect(actorsOf('Apple said sales rose.')).toEqual([]);
  });

  it('names each stance\'s CAMEO code and PLOVER event type, null where no dictionary entry gave it', () => {
    expect(analyse('The US threatened Russia with new sanctions.').stances).toEqual([expect.objectContaining({ category: 'threaten', cameo: '13', plover: 'THREATEN' })]);
    expect(analyse('Turkey denounced Canada on Monday.').stances).toEqual([expect.objectContaining({ category: 'criticize', cameo: '111', plover: 'ACCUSE' })]);
    const learned = analyse('Albania on Friday denounced as an ugly crime Serbia\'s suppression of ethnic Albanian unrest in Montenegro.').stances;
    expect(learned).toEqual([expect.objectContaining({ source: 'ALB', target: 'SRB', cameo: null, plover: null })]);
  });

  it('gives a group of rebels its own stances, not its country\'s', () => {
    expect(analyse('Rwandan rebels demanded the removal of President Juvenal Habyarimana.').stances).toEqual([
      expect.objectContaining({ source: 'rwa-rebels', target: 'juvenal-habyarimana', category: 'demand' }),
    ]);
  });
});

describe('analyseArticle', () => {
  it('analyses English articles and those whose language is unknown', () => {
    expect(analyseArticle({ text: TEXT, title: null, lang: 'en' })?.actors.length).toBeGreaterThan(0);
    expect(analyseArticle({ text: TEXT, title: null, lang: null })?.actors.length).toBeGreaterThan(0);
  });

  it('dates the analysis by the page\'s published time, which places people the text does not', () => {
    const text = 'Gerhard Schroeder criticised the plan.';
    expect(analyseArticle({ text, title: null, lang: 'en', publishedTime: '2004-06-01T08:00:00.000Z' })?.actors[0]).toMatchObject({ id: 'gerhard-schroeder', actsFor: 'DEU' });
    expect(analyseArticle({ text, title: null, lang: 'en', publishedTime: null })?.actors[0].actsFor).toBeUndefined();
  });

  it('leaves other languages unanalysed rather than producing noise from English rules', () => {
    expect(analyseArticle({ text: 'Россия и Индия подписали соглашение.', title: null, lang: 'ru' })).toBeUndefined();
  });
});
