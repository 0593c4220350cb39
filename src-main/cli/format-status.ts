import { isoDay, licenseDateLines } from '../../shared/domain/license-dates';
import type { AgentStatus } from '../services/status-events';
import type { ProductStatus } from '../services/product-status';

const sessionLine = (p: ProductStatus): string | undefined =>
  p.session
    ? `  session ${p.session.sessionId} since ${p.session.startedAt} (heartbeat every ${p.session.heartbeatIntervalSeconds} s)`
    : undefined;

/** One product as a few readable lines: may it run, under which license, until when, and why not. */
export const formatProduct = (p: ProductStatus): string => {
  const head = `${p.productName} (${p.productId}): ${p.canRun ? 'may run' : 'may NOT run'} — ${p.state}`;
  const of = `${p.licenseKind ?? 'unknown'} license of ${p.organizationName ?? 'unknown organization'}`;
  const evaluation = p.trust === 'local-evaluation' ? ' (local evaluation license)' : '';
  const license = !p.canRun
    ? undefined
    : p.source === 'offline'
      ? `  offline license${evaluation}, valid until ${p.offlineFileEndsAt ?? p.expiresAt ?? '?'}; ${of}; needs no license server`
      : `  online lease${evaluation}, ${of}`;
  // "Licensed until … (subscription)" / "Works offline until … (…)": each date says what it is.
  const dates = p.canRun ? licenseDateLines(p, isoDay).map((d) => `  ${d.sentence}`) : [];
  const reason = p.reason ? `  why: ${p.reason.message} (${p.reason.code})` : undefined;
  const warnings = p.warnings.map((w) => `  warning: ${w.message}`);
  return [head, license, ...dates, sessionLine(p), reason, ...warnings]
    .filter((line): line is string => line !== undefined)
    .join('\n');
};

/** Where trust comes from: an evaluation build says so, a refused policy file says why. */
export const formatTrust = (trust: AgentStatus['trust']): string[] => {
  const lines = [
    trust.evaluation
      ? 'trust: evaluation build — licenses of license servers on this machine are local evaluation licenses'
      : `trust: ${trust.roots.map((root) => `${root.name} (${root.source}, root ${root.kid})`).join(', ')}`,
  ];
  if (trust.policy.message) lines.push(`warning: ${trust.policy.message}`);
  return lines;
};

/** The whole status for people; `--json` prints the same data as AgentStatus. */
export const formatStatus = (status: AgentStatus): string => {
  const server =
    status.serverMode === 'none'
      ? 'no license server configured'
      : `license server: ${status.serverMode}${status.serverReachable === false ? ' (unreachable at last contact)' : ''}`;
  const products =
    status.products.length === 0
      ? ['No product is activated on this machine.']
      : status.products.map(formatProduct);
  return [`Machine ID: ${status.machineId}`, server, ...formatTrust(status.trust), '', ...products].join(
    '\n',
  );
};
