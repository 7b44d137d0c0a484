#!/usr/bin/env node
// Pipelines are TypeScript files the user writes; tsx's loader lets the CLI import them (and itself) directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
