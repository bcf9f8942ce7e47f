#!/usr/bin/env node
// The `newsdigest` command. The project is TypeScript run through tsx, so there is no build step
// between editing and running.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../local/cli.ts');
process.exitCode = await main(process.argv.slice(2));
