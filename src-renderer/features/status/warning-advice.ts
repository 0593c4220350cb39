/** The "what to do" line under each status warning; the agent says what happened, this says how to fix it. */
export const WARNING_ADVICE: Readonly<Record<string, string>> = {
  'expiring-soon':
    'Ask your organization Owner or Admin for a new offline license file, or activate online if this machine can reach the license server.',
  'subscription-ending':
    'Ask your organization Owner or Admin to renew the subscription; nothing changes on this machine until it ends.',
  'clock-rolled-back': "Set this computer's date and time to the correct value, then refresh the status.",
  'virtual-machine':
    'Node-locked and per-User licenses need a fixed machine. Use a floating or KRE license in virtual machines and containers, or run on a physical workstation.',
  'server-unreachable':
    'Check your network or the license server address. You can keep working until the lease ends.',
  'lease-grace': 'Reconnect to the license server before the grace period ends so the lease is renewed.',
};

/** Advice for a warning code, with a safe fallback for codes added later. */
export function adviceFor(code: string): string {
  return WARNING_ADVICE[code] ?? 'Contact your organization Owner or Admin.';
}
