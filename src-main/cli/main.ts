// Entry of the bundled `tessera` command (dist/cli/tessera.mjs, the package's `bin`): the shipped
// resources (catalog, trusted issuers, trust roots) sit in resources/ beside the bundle.
import { fileURLToPath } from 'node:url';
import { runCli } from './tessera';

process.exit(
  await runCli(process.argv, {
    resourcesDir: fileURLToPath(new URL('./resources/', import.meta.url)),
  }),
);
