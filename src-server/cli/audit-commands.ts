import type { Command } from 'commander';
import { verifyAuditChain } from '../services/audit-chain';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';

/** `audit verify`: recomputes the audit chain and names the first broken event (exit 3 when broken). */
export function registerAuditCommands(program: Command, flags: () => GlobalFlags): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check every audit event against the hash chain; names the first broken one')
    .action(() =>
      withDatabase(flags(), async (db) => {
        const verdict = await verifyAuditChain(db);
        if (verdict.ok) {
          print({ auditChain: 'intact', events: verdict.events, headHash: verdict.headHash });
          return;
        }
        refuse({
          code: 'AUDIT_CHAIN_BROKEN',
          message: `audit event ${verdict.id} (position ${verdict.seq}) is the first broken one: ${verdict.reason}.`,
        });
      }),
    );
}
