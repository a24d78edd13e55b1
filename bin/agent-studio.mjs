#!/usr/bin/env node
// The studio's command. The packages ship TypeScript sources; tsx loads them without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../packages/cli/src/main.ts');
await main(process.argv.slice(2));
