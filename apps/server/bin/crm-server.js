#!/usr/bin/env node
// Runs the TypeScript sources directly; the server is not bundled.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main();
