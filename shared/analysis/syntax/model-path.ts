// Where the shipped syntax model lives relative to the module that loads it. A Lambda bundle is one
// file (index.mjs) at the root of its asset, so infra copies the model to this same relative path
// inside the asset, and the one `new URL(..., import.meta.url)` finds it in both places.
export const SYNTAX_MODEL_RELATIVE_PATH = 'model/en-ewt.syntax.gz';
/** The model file in the repository, relative to its root. */
export const SYNTAX_MODEL_SOURCE = `shared/analysis/syntax/${SYNTAX_MODEL_RELATIVE_PATH}`;
