#!/usr/bin/env node
// npm "bin" entry for `tessera`: registers tsx so the TypeScript CLI runs from source, then runs it.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./tessera.ts');
process.exit(await runCli(process.argv));
