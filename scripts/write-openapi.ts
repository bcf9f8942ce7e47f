// npm run openapi: writes the API's OpenAPI document to openapi.json at the repository root, so
// clients can be generated without a running API. test/http/openapi.test.ts fails when the file
// and the code disagree.

import { writeFileSync } from 'node:fs';
import { openApiJson } from '../shared/http/openapi.js';

const target = new URL('../openapi.json', import.meta.url);
writeFileSync(target, openApiJson());
console.log(`wrote ${target.pathname}`);
