import { describe, expect, it } from 'vitest';
import { signedInAgent, useOnlineWorld, valueOf } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kre', kind: 'floating', quota: 1, machineQuota: 10 }]);

describe('floating licenses through the agent', () => {
  it('R26 one floating license serves one session at a time across at most three machines', async () => {
    const machines = [];
    for (const osUser of ['ci-1', 'ci-2', 'ci-3', 'ci-4']) {
      machines.push(await signedInAgent(await tempDir(), world.url, world.org.member.apiKey, osUser));
    }
    const [first, second, third, fourth] = machines;
    if (!first || !second || !third || !fourth) throw new Error('four agents expected');
    valueOf(await first.api.sessionStart({ productId: 'kre' }));
    const busy = await second.api.sessionStart({ productId: 'kre' });
    expect(busy.ok ? 'granted' : busy.error.code).toBe('SESSION_ACTIVE_ELSEWHERE');
    valueOf(await first.api.sessionStop({ productId: 'kre' }));
    for (const agent of [second, third]) {
      valueOf(await agent.api.sessionStart({ productId: 'kre' }));
      valueOf(await agent.api.sessionStop({ productId: 'kre' }));
    }
    const refused = await fourth.api.sessionStart({ productId: 'kre' });
    expect(refused.ok ? 'granted' : refused.error.code).toBe('FLOATING_MACHINE_LIMIT');
  });
});
