#!/usr/bin/env node
// Pipelines are TypeScript files the user writes; tsx's loader lets the CLI import them (and itself) directly.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
// A pipeline's `from 'tuneset'` is this very copy of tuneset, wherever the file is: one copy of every
// module (the CLI tells its errors and stages apart with instanceof), and a pipeline outside any
// project that installs tuneset still loads.
registerHooks('./resolve-tuneset.js', import.meta.url, { data: { url: new URL('../src/index.ts', import.meta.url).href } });
await import('../src/cli/main.ts');
