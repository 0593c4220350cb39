import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOperatorCli } from '../../support/operator-cli';
import { DEFAULT_CATALOG } from '../../../shared/catalog/default-catalog';
import { migrateToLatest } from '../../../src-server/db/migrate';
import { openDatabase } from '../../../src-server/db/open-database';
import {
  createAccount,
  createOrganization,
  createSubscription,
} from '../../../src-server/services/provisioning';

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-renewal-cli-'));

/** Runs the operator CLI on a private PGlite data dir. */
const cli = (...args: string[]) => runOperatorCli(['--data-dir', dataDir, ...args]);

/** Seeds the data dir in-process (each CLI process opens PGlite, which is slow on a busy machine). */
async function seedDataDir(): Promise<string> {
  const { db } = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pgdata') });
  try {
    await migrateToLatest(db);
    const orgId = await createOrganization(db, {
      accountId: await createAccount(db, 'Acme'),
      name: 'Acme QA',
    });
    const sub = await createSubscription(db, DEFAULT_CATALOG, {
      orgId,
      productId: 'kre',
      kind: 'node-locked',
      quota: 2,
      machineQuota: 20,
      billingCycle: 'monthly',
      startsAt: new Date('2022-04-14T00:00:00Z'),
      endsAt: new Date('2022-05-14T00:00:00Z'),
    });
    if (!sub.ok) throw new Error(sub.error.message);
    return sub.value;
  } finally {
    await db.destroy();
  }
}

describe('operator CLI: renew and renewal orders', { timeout: 900_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('R30 renew on the end date works; renewal schedule|preview|cancel show the plan with its rule; billing-token create prints a tsb_ token', async () => {
    const sub = await seedDataDir();
    const renewed = await cli(
      'renew',
      '--subscription',
      sub,
      '--end',
      '2022-06-14T00:00:00Z',
      '--at',
      '2022-05-14T00:00:00Z',
    );
    expect([renewed.code, renewed.fields.action, renewed.fields.rule]).toEqual([0, 'keep', 'R30']);
    const scheduled = await cli(
      'renewal',
      'schedule',
      '--subscription',
      sub,
      '--end',
      '2022-07-14T00:00:00Z',
    );
    expect(scheduled.fields).toMatchObject({
      status: 'scheduled',
      due: '2022-06-14T00:00:00.000Z',
      action: 'convert',
      rule: 'R29',
    });
    const order = scheduled.fields.order ?? '';
    const preview = await cli('renewal', 'preview', '--order', order);
    expect(preview.fields).toMatchObject({ action: 'convert', holdings: '2 floating' });
    expect((await cli('renewal', 'cancel', '--order', order)).fields.status).toBe('cancelled');
    const token = await cli('billing-token', 'create', '--name', 'billing');
    expect(token.fields.token).toMatch(/^tsb_[a-z2-7]{52}$/);
  });
});
