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
});

describe('analyseArticle', () => {
  it('analyses English articles and those whose language is unknown', () => {
    expect(analyseArticle({ text: TEXT, title: null, lang: 'en' })?.actors.length).toBeGreaterThan(0);
    expect(analyseArticle({ text: TEXT, title: null, lang: null })?.actors.length).toBeGreaterThan(0);
  });

  it('leaves other languages unanalysed rather than producing noise from English rules', () => {
    expect(analyseArticle({ text: 'Россия и Индия подписали соглашение.', title: null, lang: 'ru' })).toBeUndefined();
  });
});
