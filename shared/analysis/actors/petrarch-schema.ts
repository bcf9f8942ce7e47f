// The shapes of the actor data converted from PETRARCH2's dictionaries (data/petrarch/, written by
// train/dictionaries/petrarch-actors.ts). The converter validates what it writes against these
// schemas and `petrarch-data.ts` validates what it loads, so a hand edit that breaks a file fails
// at load with the file and the field named. Kept apart from the loader so the converter can use
// them before the JSON exists.

import { z } from 'zod';

/** ISO yyyy-mm-dd. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date yyyy-mm-dd');
/** A CAMEO actor code: 3-letter blocks, a few sub-codes with digits ("IGOUNOREFHCR", "RUSGOV"). */
const cameoCode = z.string().regex(/^[A-Z][A-Z0-9]{2,}$/, 'a CAMEO code such as RUSGOV or IGOUNO');
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');
const slugId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case slug');
const form = z.string().min(1).refine((s) => s === s.trim(), 'no surrounding blanks');

export const headerSchema = z.object({
  about: z.string().min(1),
  /** Repository, commit and files the data was converted from. */
  source: z.string().min(1),
  licence: z.string().min(1),
  /** The script that wrote the file and how to run it. */
  converter: z.string().min(1),
});

/** A code that applies between two dates (inclusive); without dates it is the default. */
export const datedCodeSchema = z.object({
  code: cameoCode,
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const ORGANIZATION_KINDS = [
  'igo', 'ngo', 'company', 'media', 'armed-group', 'party', 'opposition', 'religious', 'education', 'labour', 'criminal', 'other',
] as const;

export const organizationSchema = z.object({
  /** `<first code>-<name slug>`, lower case ("igowstnat-nato"); unique, never an id of ../organizations.json. */
  id: slugId,
  name: z.string().min(1),
  kind: z.enum(ORGANIZATION_KINDS),
  /** The project's actor type for the kind: armed groups are groups, news media are media. */
  type: z.enum(['organization', 'group', 'media']),
  codes: z.array(datedCodeSchema).min(1),
  /** The country the code places it in (LBNREB → LBN; NGOUSA → USA), when that is an ISO3 code. */
  country: iso3.optional(),
  /** Names of the organisation itself, readable ("United Nations", "U.N."); all-capital words are acronyms. */
  forms: z.array(form).min(1),
  /** Names of someone acting for it rather than of it: officials ("UN envoy") and people listed as synonyms. */
  memberForms: z.array(form).optional(),
  /** The same organisation in ../organizations.json; the project's entry wins. */
  projectId: slugId.optional(),
  /** File and line of the source record ("Phoenix.MilNonState.actors.txt:148"). */
  source: z.string().min(1),
});

export const organizationsFileSchema = z.object({
  header: headerSchema.extend({
    /** As in people.json: the latest date in any code of the source dictionaries. */
    horizon: isoDate,
  }),
  organizations: z.array(organizationSchema),
});

export const AGENT_CLASSES = [
  'government', 'military', 'police', 'intelligence', 'legislature', 'judiciary', 'rebels', 'armed-group',
  'opposition', 'party', 'business', 'media', 'civilian', 'people', 'criminal', 'religious', 'education', 'health',
  'labour', 'agriculture', 'refugees', 'human-rights', 'environment', 'ngo', 'igo', 'elite', 'radical', 'development',
] as const;

export const agentSchema = z.object({
  /** Singular (or only) form, lower case ("foreign minister", "police"). */
  noun: form,
  /** Plural forms, lower case; empty when the noun has none ("police"). */
  plurals: z.array(form),
  /** CAMEO agent code without `~` ("GOVFRM", "REB"). */
  code: cameoCode,
  /** `after`: the code follows the actor's (`[~GOV]`: "Russian minister" → RUSGOV); `before`: it precedes it (`[NGO~]`). */
  position: z.enum(['after', 'before']),
  /** The code's first block ("GOV"). */
  sector: z.string().regex(/^[A-Z]{3}$/),
  class: z.enum(AGENT_CLASSES),
  /** Acts for a state (government, military, police, intelligence). */
  state: z.boolean(),
  source: z.string().min(1),
});

export const agentsFileSchema = z.object({
  header: headerSchema,
  agents: z.array(agentSchema),
});

export const roleSchema = z.object({
  code: cameoCode,
  /** ISO3 when the code starts with one (RUSGOV → RUS). */
  country: iso3.optional(),
  /** The code's first block after the country ("GOV", "ELI", "IGO"); none for a bare country code. */
  sector: z.string().regex(/^[A-Z]{3}$/).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const personSchema = z.object({
  /** `<country or first code block>-<name slug>` ("rus-vladimir-putin"). */
  id: slugId,
  name: z.string().min(1),
  forms: z.array(form).min(1),
  /** Dated roles, and undated ones (the dictionary's default outside the dated ranges). */
  roles: z.array(roleSchema).min(1),
  source: z.string().min(1),
});

export const peopleFileSchema = z.object({
  header: headerSchema.extend({
    /** The latest date in any code of the source dictionaries: an open or undated role is not used after it. */
    horizon: isoDate,
  }),
  people: z.array(personSchema),
});

export type Header = z.infer<typeof headerSchema>;
export type DatedCode = z.infer<typeof datedCodeSchema>;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export type PetrarchOrganization = z.infer<typeof organizationSchema>;
export type OrganizationsFile = z.infer<typeof organizationsFileSchema>;
export type AgentClass = (typeof AGENT_CLASSES)[number];
export type PetrarchAgent = z.infer<typeof agentSchema>;
export type AgentsFile = z.infer<typeof agentsFileSchema>;
export type PersonRole = z.infer<typeof roleSchema>;
export type PetrarchPerson = z.infer<typeof personSchema>;
export type PeopleFile = z.infer<typeof peopleFileSchema>;
