// The CAMEO verb converter (train/dictionaries/cameo-verbs.ts) on a small excerpt in the
// dictionary's own format: which verbs it keeps, and what it gives each.

import { describe, expect, it } from 'vitest';
import { categoryOf, convertObjectPatternBlocks, convertObjectPatterns, convertVerbs, parseVerbBlocks } from '../../train/dictionaries/cameo-verbs.js';
import { CAMEO_VERBS } from '../../shared/analysis/lexicon/stances.js';
import { objectPattern } from '../../shared/analysis/stances/lexicon.js';

const VERBS = `# header comment
####### VERB PATTERNS #######

---  DENOUNCE   [111]  ---
DENOUNCE {DENOUNCES DENOUNCED }
CASTIGATE
- * +                                                 [111]         # DENOUNCE

---  DEMAND   [100]  ---
DEMAND
NEED

---  THANK   [051]  ---
THANK  # one-verb block

---  ACCELERATE   [---]  ---
ACCELERATE

---  DEPORT   [174]  ---
DEPORT
EXPEL
{KICK OUT}
`;
const GOLDSTEIN = 'CAMEOEVENTCODE\tGOLDSTEINSCALE\n05\t3.5\n051\t3.4\n10\t-5.0\n100\t-5.0\n111\t-2.0\n17\t-5.0\n';
const PLOVER = '051: SUPPORT, , diplomatic # praise\n10: DEMAND\n111: DISAPPROVE, , # criticize\n174: COERCE, , # expel\n';

describe('CAMEO verb converter', () => {
  it('reads synonym blocks with their codes, verbs without their irregular forms or patterns', () => {
    const blocks = parseVerbBlocks(VERBS);
    expect(blocks.map((b) => [b.name, b.code, b.verbs])).toEqual([
      ['DENOUNCE', '111', ['DENOUNCE', 'CASTIGATE']], ['DEMAND', '100', ['DEMAND', 'NEED']], ['THANK', '051', ['THANK']],
      ['ACCELERATE', '---', ['ACCELERATE']], ['DEPORT', '174', ['DEPORT', 'EXPEL']],
    ]);
  });
  it('keeps the head verb of each block with a specific code, with category, Goldstein score and PLOVER type by code prefix', () => {
    expect(convertVerbs(VERBS, GOLDSTEIN, PLOVER)).toEqual({
      denounce: { code: '111', cat: 'criticize', score: -2, plover: 'DISAPPROVE', block: 'DENOUNCE' },
      deport: { code: '174', cat: 'pressure', score: -5, plover: 'COERCE', block: 'DEPORT' },
      thank: { code: '051', cat: 'praise', score: 3.4, plover: 'SUPPORT', block: 'THANK' },
    });
  });
  it('keys each one-word object pattern by every verb of its block, singular and as written, to its code', () => {
    expect(parseVerbBlocks(VERBS).find((b) => b.name === 'DENOUNCE')?.objectPatterns).toEqual([]);
    const withPatterns = VERBS.replace('- * +                                                 [111]         # DENOUNCE', '- * POLICIES                                          [111]         # DENOUNCE\n- * {HUMAN RIGHTS}                                    [111]');
    expect(convertObjectPatterns(withPatterns, GOLDSTEIN, PLOVER)).toEqual({
      'castigate policies': '111', 'castigate policy': '111', 'denounce policies': '111', 'denounce policy': '111',
    });
  });

  it('keeps the head verb of a general block only where its root names an act done to someone', () => {
    const general = `####### VERB PATTERNS #######

---  GRANT   [060]  ---
GRANT
ALLOCATE

---  PREPARE   [030]  ---
PREPARE

---  LAMENT   [110]  ---
LAMENT

---  DIE   [190]  ---
DIE

---  PARDON   [080]  ---
PARDON

---  SET_FREE   [080]  ---
+SET_FREE
LIBERATE
RELEASE [084]
`;
    const goldstein = 'CAMEOEVENTCODE\tGOLDSTEINSCALE\n03\t4.0\n06\t6.0\n08\t5.0\n11\t-2.0\n19\t-10.0\n';
    const plover = '030: AGREE\n060: COOPERATE\n08: CONCEDE\n110: DISAPPROVE\n190: FIGHT\n';
    expect(convertVerbs(general, goldstein, plover)).toEqual({
      grant: { code: '060', cat: 'cooperate', score: 6, plover: 'COOPERATE', block: 'GRANT' },
      pardon: { code: '080', cat: 'cooperate', score: 5, plover: 'CONCEDE', block: 'PARDON' },
      // a verb with a code of its own is that event, whatever its block
      release: { code: '084', cat: 'cooperate', score: 5, plover: 'CONCEDE', block: 'SET_FREE' },
    });
  });
  it('spells out an object given as a noun synonym set ("- * &ASYLUM") as each of its one-word members', () => {
    const withSet = `&ASYLUM
+ASYLUM
+REFUGE
+SAFE_HOUSE

####### VERB PATTERNS #######

---  GRANT   [---]  ---
GRANT
- * &ASYLUM                                           [075]         # GRANT
`;
    expect(convertObjectPatterns(withSet, 'CAMEOEVENTCODE\tGOLDSTEINSCALE\n07\t7.0\n', '075: AID\n')).toEqual({
      'grant asylum': '075', 'grant refuge': '075',
    });
  });

  it('maps codes to categories by their longest known prefix', () => {
    expect([categoryOf('112'), categoryOf('1123'), categoryOf('111'), categoryOf('0311'), categoryOf('01')]).toEqual(['accuse', 'accuse', 'criticize', 'cooperate', undefined]);
    // yielding (CAMEO 08: ease, release, allow) is the closest of our categories, cooperation; investigating none
    expect([categoryOf('081'), categoryOf('0871'), categoryOf('090')]).toEqual(['cooperate', 'cooperate', undefined]);
  });
});

describe('the shipped CAMEO data', () => {
  it('holds the object patterns a block at a time, which read as the same pairs as the flat table', () => {
    const blocks = CAMEO_VERBS.objectPatterns;
    const pairs = new Set(blocks.flatMap((b) => b.verbs.flatMap((v) => Object.keys(b.objects).map((o) => `${v} ${o}`))));
    expect(pairs.size).toBeGreaterThan(30000);
    expect(blocks.length).toBeLessThan(pairs.size / 10);
    expect(objectPattern('grant', 'asylum', 'asylum')).toMatchObject({ code: '075', cat: 'aid', plover: 'AID' });
    expect(objectPattern('send', 'aid', 'aid')).toMatchObject({ cat: 'aid' });
    expect(objectPattern('grant', 'table', 'table')).toBeUndefined();
  });
  it('reads a pair as the first block that has both, as the flat table does', () => {
    const text = `####### VERB PATTERNS #######

---  SEND   [---]  ---
SEND
SHIP
- * AID                                               [070]         # SEND

---  GRANT   [---]  ---
GRANT
SEND
- * AID                                               [073]         # GRANT
- * LOAN                                              [071]         # GRANT
`;
    const goldstein = 'CAMEOEVENTCODE\tGOLDSTEINSCALE\n07\t7.0\n';
    const plover = '07: AID\n';
    expect(convertObjectPatternBlocks(text, goldstein, plover)).toEqual([
      { verbs: ['send', 'ship'], objects: { aid: '070' } },
      { verbs: ['grant', 'send'], objects: { aid: '073', loan: '071' } },
    ]);
    expect(convertObjectPatterns(text, goldstein, plover)).toEqual({ 'grant aid': '073', 'grant loan': '071', 'send aid': '070', 'send loan': '071', 'ship aid': '070' });
  });
});
