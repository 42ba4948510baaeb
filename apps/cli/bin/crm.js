#!/usr/bin/env node
// Runs the TypeScript sources directly; the CLI is not bundled.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main();
