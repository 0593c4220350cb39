import { Command } from 'commander';
import { registerAuditCommands } from './audit-commands';
import { registerInitCommand } from './init-command';
import { registerKeyCommands } from './key-commands';
import { registerLicenseCommands } from './license-commands';
import { registerListCommands } from './list-commands';
import { registerMemberCommands } from './member-commands';
import type { GlobalFlags } from './operator-db';
import { registerProvisionCommands } from './provision-commands';
import { registerRenewCommand } from './renew-command';
import { registerRenewalCommands } from './renewal-commands';
import { registerRootCommands } from './root-commands';
import { registerServeCommand, type AfterStart } from './serve-command';

/**
 * The operator CLI as a fresh commander program: built per run, so the same commands run in a terminal
 * and, sent over the operator channel, inside the server that holds a PGlite folder.
 */
export function buildOperatorProgram(afterStart?: AfterStart): Command {
  const program = new Command('tessera-server')
    .description('Tessera license server and operator commands (no command: serve)')
    .option('--data-dir <dir>', 'data directory (default: TESSERA_DATA_DIR or ~/.tessera-server)')
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL; else embedded PGlite)')
    .showHelpAfterError('(run `npm run server -- --help` for usage)')
    .exitOverride();
  const flags = (): GlobalFlags => program.opts<GlobalFlags>();
  registerServeCommand(program, flags, afterStart);
  registerInitCommand(program, flags);
  registerProvisionCommands(program, flags);
  registerMemberCommands(program, flags);
  registerLicenseCommands(program, flags);
  registerListCommands(program, flags);
  registerRootCommands(program, flags);
  registerKeyCommands(program, flags);
  registerRenewCommand(program, flags);
  registerAuditCommands(program, flags);
  registerRenewalCommands(program, flags);
  const exitOverrideAll = (command: Command): void => {
    command.exitOverride();
    for (const sub of command.commands) exitOverrideAll(sub);
  };
  exitOverrideAll(program);
  return program;
}
