// Typed as unknown on purpose: petrarch-data.ts validates it with its zod schema, and tsc would
// otherwise spend most of a minute inferring a type for this large file.
declare const data: unknown;
export default data;
