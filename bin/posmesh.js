#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader: no build step between a checkout and a running till.
import { register } from 'tsx/esm/api';

register();
await import('../node/cli/main.ts');
