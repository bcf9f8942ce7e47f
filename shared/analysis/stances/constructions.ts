// Every construction the stance engine reads, in one place: which module implements it and the
// sentences that show it. The examples are a table test (test/analysis/constructions.test.ts) run
// through the whole analysis, actor stage included: each example's stances must be found.
//
// Adding a verb, noun, adjective or idiom to a construction is a line of data (data/stance-lexicon.json).
// Adding a construction is one module (usually under triggers/) called from triggers/index.ts and
// an entry here with its examples.

export interface ConstructionExample {
  text: string;
  /** Stances that must be found, as "source>target ±category" (actor ids; countries by ISO3). */
  stances: string[];
}

export interface Construction {
  name: string;
  /** The module (under shared/analysis/stances/) that reads it. */
  module: string;
  examples: ConstructionExample[];
}

export const CONSTRUCTIONS: readonly Construction[] = [
  {
    name: 'arguments from the parse, where the rules cannot read the sentence: a controlled complement lends its target',
    module: 'tree/index.ts',
    examples: [
      { text: 'The Azerbaijani parliament threatened on Monday to break relations with Russia unless the Kremlin closed its radar base in the republic.', stances: ['aze-parliament>RUS -threaten'] },
      { text: 'Pakistan today threatened to break off diplomatic relations with Congo and Costa Rica.', stances: ['PAK>COD -threaten', 'PAK>CRI -threaten'] },
      { text: 'Pakistan did not threaten to break off diplomatic relations with Congo.', stances: [] },
    ],
  },
  {
    name: 'arguments from the parse: an infinitive the parser hangs on the noun of an adverbial ("agreed in principle on Friday to provide") is controlled by the verb',
    module: 'tree/sentence.ts',
    examples: [{ text: 'Japan agreed in principle on Friday to provide 20 million dollars of aid for Moldova.', stances: ['JPN>MDA +aid'] }],
  },
  {
    name: 'arguments from the parse: the words of a name the actor stage found are proper nouns to the tagger, so a subject like "European Union ministers" parses as one phrase',
    module: 'index.ts',
    examples: [{ text: 'European Union ministers agreed in principle on Friday to provide 20 million dollars of aid for Moldova.', stances: ['eu>MDA +aid'] }],
  },
  {
    name: 'arguments from the parse: a sentence whose only rule reading has a place as its source ("its Gulf war with Iraq") is left to the parse',
    module: 'index.ts',
    examples: [{ text: 'Iran threatened on Monday to widen its Gulf war with Iraq unless Baghdad paid reparations.', stances: ['IRN>IRQ -threaten'] }],
  },
  {
    name: 'arguments from the parse: an agent the labeller gave no "by" is the object ("have killed eight al-Qaeda leaders"), so a nominal subject\'s modifier acts on it',
    module: 'tree/index.ts',
    examples: [{ text: 'Recent US attacks have killed eight al-Qaeda leaders.', stances: ['USA>al-qaeda -attack'] }],
  },
  {
    name: 'arguments from the parse: a coordinated verb without its own subject takes its first conjunct\'s',
    module: 'tree/index.ts',
    // an attack in words: a person's on an outlet is criticism (stances/index.ts, verbalAttack)
    examples: [{ text: 'Michael Gove ducks and dives, blustering aggressively and attacking the BBC.', stances: ['michael-gove>bbc -criticize'] }],
  },
  {
    name: 'arguments from the parse: a refused act is a rejection of its target; a failed or stopped one is nothing',
    module: 'tree/index.ts',
    examples: [
      { text: 'Iran refused to meet the American envoy.', stances: ['IRN>USA -reject'] },
      { text: 'Cuba declined to lift the embargo on Haiti.', stances: ['CUB>HTI -reject'] },
      { text: 'Norway stopped sending aid to Liberia.', stances: [] },
    ],
  },
  {
    name: 'arguments from the parse: an evaluated proposal stands for its author ("rejected calls by X", "an offer from X")',
    module: 'tree/index.ts',
    examples: [
      { text: "Berlin rejected recent calls by Belarus's rulers for immediate economic aid.", stances: ['DEU>BLR -reject'] },
      { text: 'Pakistan today rejected a fresh offer from India for direct talks.', stances: ['PAK>IND -reject'] },
    ],
  },
  {
    name: "arguments from the parse: a threat's condition names who is threatened (\"unless Baghdad accepted\")",
    module: 'tree/index.ts',
    examples: [{ text: 'Iran today threatened to launch a new military offensive unless Baghdad accepted its conditions.', stances: ['IRN>IRQ -threaten'] }],
  },
  {
    name: "arguments from the parse: a judgement a speaker passes on an actor, by the word's connotation (wink-nlp's sentiment lexicon, the lexicon's labels first)",
    module: 'tree/index.ts',
    examples: [
      { text: "The German minister said his French counterpart was 'hopelessly naive'.", stances: ['DEU>FRA -criticize'] },
      { text: 'Germany called Russia a reliable partner.', stances: ['DEU>RUS +praise'] },
      { text: 'Germany called Russia reckless.', stances: ['DEU>RUS -criticize'] },
    ],
  },
  {
    name: 'arguments from the parse: what a speaker reports, claimed by the speaker, "it" standing for the speaker',
    module: 'tree/index.ts',
    examples: [
      { text: 'Syria said on Sunday it had given asylum to the Iraqi officers.', stances: ['SYR>IRQ +aid'] },
      { text: 'Syria denied on Sunday that it had given asylum to the Iraqi officers.', stances: [] },
    ],
  },
  {
    name: "arguments from the parse: a demand's that-clause names who must act",
    module: 'tree/index.ts',
    examples: [{ text: 'Palestinian officials demanded Friday that the United States match the offer.', stances: ['PSE>USA -demand'] }],
  },
  {
    name: 'arguments from the parse: a passive with coordinated agents and a prepositional target',
    module: 'tree/index.ts',
    examples: [{ text: 'The attacks were blamed by both Israel and Jordan on Hamas.', stances: ['ISR>hamas -accuse', 'JOR>hamas -accuse'] }],
  },
  {
    name: 'arguments from the parse: a verb-object pattern of PETRARCH2\'s CAMEO dictionary ("give a grant", "send aid")',
    module: 'tree/index.ts',
    examples: [
      { text: 'Finland will give Tanzania a grant of 580 million shillings over the next three years.', stances: ['FIN>TZA +aid'] },
      { text: 'Norway decided to send aid to Liberia.', stances: ['NOR>LBR +aid'] },
      // the recipient labelled a second object by the parser; the object a noun of a synonym set (&ASYLUM)
      { text: 'The European Community on Monday gave the Ivory Coast 5.1 million dollars of aid.', stances: ['eu>CIV +aid'] },
      { text: "Peru gave refuge to Panama's former president.", stances: ['PER>PAN +aid'] },
    ],
  },
  {
    name: 'arguments from the parse: a nominal event under a light verb, its source the controller\'s ("promised to continue aid"), measured through "of" ("tons of aid")',
    module: 'tree/index.ts',
    examples: [
      { text: 'Norway promised to continue military aid to Mozambique.', stances: ['NOR>MOZ +aid'] },
      { text: 'Norway will provide 25,000 tons of food aid to Mozambique.', stances: ['NOR>MOZ +aid'] },
      { text: 'Norway stopped providing military aid to Mozambique.', stances: [] },
    ],
  },
  {
    name: 'arguments from the parse: an act of force, coercion, aid or yielding done in a country, with no other target, is done to it',
    module: 'tree/index.ts',
    examples: [
      { text: 'Israel imposed a blockade in Lebanon.', stances: ['ISR>LBN -blockade'] },
      { text: 'Serbia lifted the curfew in Montenegro.', stances: ['SRB>MNE +cooperate'] },
      { text: 'Russia held talks in Switzerland.', stances: [] },
    ],
  },
  {
    name: 'arguments from the parse: force or coercion done to a thing is done to its owner ("positions of the Palestinian forces")',
    module: 'tree/sentence.ts',
    examples: [
      { text: 'Israeli helicopters shelled positions of the Palestinian security forces.', stances: ['ISR>PSE -attack'] },
      { text: 'Egypt condemned the killing of Palestinian civilians.', stances: [] },
    ],
  },
  {
    name: 'arguments from the parse: a news lead\'s verb the tagger read as a participle ("tanks shelled positions"; syntax/main-verbs.ts)',
    module: 'tree/index.ts',
    examples: [{ text: 'Israeli helicopters and tanks shelled positions of the Palestinian security forces near the town of Rafah.', stances: ['ISR>PSE -attack'] }],
  },
  {
    name: 'arguments from the parse: what a subject calls or prepares for opposes or supports its target, unless an actor object did it',
    module: 'tree/index.ts',
    examples: [
      { text: 'Archbishop Desmond Tutu on Sunday called for sanctions against Nigeria.', stances: ['desmond-tutu>NGA -oppose'] },
      { text: 'Egypt called for talks with Israel.', stances: ['EGY>ISR +support'] },
      { text: 'Britain mobilized army reservists for a possible war against Iraq on Tuesday.', stances: ['GBR>IRQ -oppose'] },
    ],
  },
  {
    name: 'arguments from the parse: a participle of attitude with "to" is its subject\'s stance ("is opposed to"); an act done to the subject is not',
    module: 'tree/index.ts',
    examples: [
      { text: 'Israel is opposed to French mediation in the talks.', stances: ['ISR>FRA -oppose'] },
      { text: 'Iraqi Kurds were deported to Germany.', stances: [] },
    ],
  },
  {
    name: 'arguments from the parse: a threatened act no entry names is done where it is done',
    module: 'tree/index.ts',
    examples: [{ text: 'Hamas threatened on Monday to resume terrorist activities in Israel.', stances: ['hamas>ISR -threaten'] }],
  },
  {
    name: 'protest (CAMEO 14, PLOVER PROTEST): a protest verb\'s object or "against" target, a protest noun\'s "against" or "over" under a light verb, or as the purpose or occasion of what the subject did ("in protest against", "during demonstrations against")',
    module: 'tree/index.ts',
    examples: [
      { text: 'Thousands of Kenyans marched against the Ugandan embassy.', stances: ['KEN>UGA -protest'] },
      { text: 'Greek farmers blocked roads in protest against EU subsidy cuts.', stances: ['GRC>eu -protest'] },
      { text: 'Palestinian youths threw stones during demonstrations against Israeli policies.', stances: ['PSE>ISR -protest'] },
      { text: 'Palestinian riots against Israeli policies continued for a third day.', stances: ['PSE>ISR -protest'] },
      { text: "Greenpeace held a rally over Japan's whaling.", stances: ['greenpeace>JPN -protest'] },
      { text: 'Iraqi students protested the American occupation.', stances: ['IRQ>USA -protest'] },
    ],
  },
  {
    name: 'an attack in words: a person, party or outlet attacking a person, party or outlet criticises it; an attack on a country, or by an armed group, stays an attack',
    module: 'index.ts',
    examples: [
      { text: 'Michael Gove attacked the BBC.', stances: ['michael-gove>bbc -criticize'] },
      { text: 'Labour MPs attacked Boris Johnson.', stances: ['labour>boris-johnson -criticize'] },
      { text: 'President Putin attacked Ukraine.', stances: ['putin>UKR -attack'] },
    ],
  },
  {
    name: 'a CAMEO verb takes its target after the usual prepositions ("apologized to Brazil")',
    module: 'triggers/verbs.ts',
    examples: [
      { text: 'Argentina has apologized to Brazil for one of its gunboats.', stances: ['ARG>BRA +cooperate'] },
      // a complaint's "to" names whom it is made to (addressedCategories)
      { text: 'Brazil complained to the United Nations about Argentina.', stances: ['BRA>ARG -criticize'] },
      { text: 'Lebanon complained to the United Nations.', stances: [] },
    ],
  },
  {
    name: 'arguments from the parse: the head verb of a general CAMEO block that names an act done to someone ("pardon", "raid")',
    module: 'tree/index.ts',
    examples: [
      { text: 'Serbia pardoned the Kosovo Albanian rebels.', stances: ['SRB>alb-rebels +cooperate'] },
      // a verb with a code of its own inside a block ("RELEASE [084]" under SET_FREE)
      { text: 'Serbia released the Kosovo Albanian rebels.', stances: ['SRB>alb-rebels +cooperate'] },
    ],
  },
  {
    name: 'arguments from the parse: a nominal event, its source a modifier and its target on the thing it hit',
    module: 'tree/index.ts',
    examples: [
      { text: 'A Turkish attack on a Syrian border post killed two soldiers.', stances: ['TUR>SYR -attack'] },
      // "strike" is an attack only with its target ("went on strike against the government" is a walkout)
      { text: 'A Turkish strike on a Syrian border post killed two soldiers.', stances: ['TUR>SYR -attack'] },
      { text: 'French teachers went on strike against the government.', stances: [] },
    ],
  },
  {
    name: 'active verb: the subject acts on the object',
    module: 'triggers/verbs.ts',
    examples: [
      { text: 'The United States threatened Russia with new sanctions.', stances: ['USA>RUS -threaten'] },
      { text: 'France strongly condemned Iran on Tuesday.', stances: ['FRA>IRN -criticize'] },
      { text: 'Irish guerrillas wounded two British soldiers on Friday.', stances: ['irl-rebels>GBR -attack'] },
    ],
  },
  {
    name: 'control: an infinitive or adjective inherits its controller',
    module: 'arguments.ts',
    examples: [{ text: 'Germany vowed to support Ukraine.', stances: ['DEU>UKR +support'] }],
  },
  {
    name: 'passive verb with an agent',
    module: 'triggers/verbs.ts',
    examples: [{ text: 'Cuba was criticised by Canada over the arrests.', stances: ['CAN>CUB -criticize'] }],
  },
  {
    name: 'symmetric act between two parties',
    module: 'triggers/verbs.ts',
    examples: [{ text: 'A defence pact was signed between Vietnam and the Philippines.', stances: ['VNM>PHL +agree', 'PHL>VNM +agree'] }],
  },
  {
    name: 'nominalisation: modifier or possessor as source, preposition as target',
    module: 'triggers/nouns.ts',
    examples: [
      { text: "Washington's blockade against Cuba hurt its economy.", stances: ['USA>CUB -blockade'] },
      { text: 'Britain imposed sanctions against Moscow.', stances: ['GBR>RUS -sanction'] },
    ],
  },
  {
    name: 'idiom with argument structure',
    module: 'triggers/adjectives-idioms.ts',
    examples: [{ text: 'Poland threw its weight behind Ukraine.', stances: ['POL>UKR +support'] }],
  },
  {
    name: 'adjective with a preposition',
    module: 'triggers/adjectives-idioms.ts',
    examples: [{ text: 'Hungary has been critical of Ukraine.', stances: ['HUN>UKR -criticize'] }],
  },
  {
    name: 'coordination on either side',
    module: 'phrase-actors.ts',
    examples: [{ text: 'Russia, China and Iran backed Venezuela.', stances: ['RUS>VEN +support', 'CHN>VEN +support', 'IRN>VEN +support'] }],
  },
  {
    name: 'reported speech: the speaker criticises the actor of a hostile act',
    module: 'inference.ts',
    examples: [{ text: 'Russia said the United States ignored its calls.', stances: ['RUS>USA -criticize'] }],
  },
  {
    name: 'speaker inference: a negative judgement the speaker passes on an actor is criticism; denied ("was not reckless"), it is none',
    module: 'inference.ts',
    examples: [
      { text: 'Germany said Russia was reckless.', stances: ['DEU>RUS -criticize'] },
      { text: 'Germany said Russia was not reckless.', stances: [] },
    ],
  },
  {
    name: 'speaker inference: "X said Y should ..." is X demanding of Y, also of an adjective ("must be ready to"), which is then no judgement',
    module: 'inference.ts',
    examples: [
      { text: 'Germany said Hungary should respect the ruling.', stances: ['DEU>HUN -demand'] },
      { text: 'Egypt said the US must be ready to mediate.', stances: ['EGY>USA -demand'] },
    ],
  },
  {
    name: 'accusation with an of-complement',
    module: 'triggers/verbs.ts',
    examples: [{ text: 'China accused Japan of provoking tensions.', stances: ['CHN>JPN -accuse'] }],
  },
  {
    name: 'negation cancels a hostile act',
    module: 'modality.ts',
    examples: [{ text: 'India did not threaten Pakistan.', stances: [] }],
  },
  {
    name: 'a positive act taken back is reduced relations: a diminishing verb on its noun, also through "on" or "from" ("reneged on its commitment to")',
    module: 'triggers/nouns.ts',
    examples: [
      { text: 'Zambia reneged on its commitment to Malawi.', stances: ['ZMB>MWI -oppose'] },
      { text: 'Iran withdrew from its agreement with the United States.', stances: ['IRN>USA -oppose'] },
      { text: 'The talks ended in an agreement with Iran.', stances: [] },
    ],
  },
  {
    name: 'withheld support flips to a rejection',
    module: 'emit.ts',
    examples: [{ text: 'Spain did not recognise Kosovo.', stances: ['ESP>UNK -reject'] }],
  },
  {
    name: 'mutual act: both directions',
    module: 'triggers/adjectives-idioms.ts',
    examples: [{ text: 'Thailand and Cambodia accused each other of firing first.', stances: ['THA>KHM -accuse', 'KHM>THA -accuse'] }],
  },
  {
    name: 'reversed nominal idiom',
    module: 'triggers/adjectives-idioms.ts',
    examples: [{ text: 'Japan raised its defence budget, drawing a sharp rebuke from China.', stances: ['CHN>JPN -criticize'] }],
  },
  {
    name: 'coercive acts phrased as actions',
    module: 'triggers/verbs.ts',
    examples: [{ text: 'Algeria recalled its ambassador from France.', stances: ['DZA>FRA -oppose'] }],
  },
];
