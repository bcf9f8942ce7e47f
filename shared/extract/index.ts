// Article extraction: HTML page in, ExtractedArticle out.
export { extractArticle, type ExtractOptions } from './extract.js';
export { preclean, type PrecleanOptions, type PrecleanResult } from './preclean.js';
export {
  cleanByline,
  extractMetadata,
  normalizeLang,
  normalizePublishedTime,
  readJsonLd,
  type JsonLdMetadata,
  type PageMetadata,
} from './metadata.js';
export { countWords } from './words.js';
export type { DomName } from './dom.js';
