import { Command } from 'commander';
import { registerKeyCommands } from './cli/key-commands';
import { registerMemberCommands } from './cli/member-commands';
import type { GlobalFlags } from './cli/operator-db';
import { registerProvisionCommands } from './cli/provision-commands';
import { registerRenewCommand } from './cli/renew-command';
import { registerServeCommand } from './cli/serve-command';

// Operator CLI: `npm run server` serves; `npm run server -- <command>` administers.
const program = new Command('tessera-server')
  .description('Tessera license server and operator commands')
  .option('--data-dir <dir>', 'data directory (default: TESSERA_DATA_DIR or ~/.tessera-server)')
  .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL; else embedded PGlite)');

const flags = (): GlobalFlags => program.opts<GlobalFlags>();
registerServeCommand(program, flags);
registerProvisionCommands(program, flags);
registerKeyCommands(program, flags);
registerMemberCommands(program, flags);
registerRenewCommand(program, flags);

const args = process.argv.slice(2);
await program.parseAsync(args.length === 0 ? [...process.argv, 'serve'] : process.argv);
