#!/usr/bin/env node
// Runs the TypeScript CLI straight from source: tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import(new URL('../src/cli/index.ts', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
