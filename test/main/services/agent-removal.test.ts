import { describe, expect, it } from 'vitest';
import { computeStatus } from '../../../src-main/services/status-service';
import { signedInAgent, useOnlineWorld } from '../support-online';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const world = useOnlineWorld([{ productId: 'kse', kind: 'per-user', quota: 3 }], ['kse']);

describe('agent after an Owner or Admin removed its use (R23)', () => {
  it('R23 a removed seat stops the per-User session at the next heartbeat; status says why and may not run', async () => {
    const agent = await signedInAgent(await tempDir(), world.url, world.org.member.apiKey);
    const started = await agent.sessions.start('kse');
    if (!started.ok) throw new Error(started.error.message);
    const removed = await fetch(
      `${world.url}/v1/orgs/${world.org.orgId}/seats/${world.org.member.userId}?productId=kse`,
      { method: 'DELETE', headers: { authorization: `Bearer ${world.org.owner.apiKey}` } },
    );
    expect(removed.status).toBe(200);
    const beat = await agent.sessions.beat(started.value.sessionId);
    expect(beat.ok ? 'kept' : beat.error.code).toBe('SEAT_REMOVED');
    const status = await computeStatus(agent.deps);
    const kse = status.ok ? status.value.products.find((p) => p.productId === 'kse') : undefined;
    expect(kse).toMatchObject({ canRun: false, reason: { code: 'SEAT_REMOVED' } });
    expect(kse?.reason?.message).toMatch(/license was removed/);
  });
});
