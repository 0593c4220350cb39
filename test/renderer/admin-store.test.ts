// The admin console's store: which products the picker offers, what happens when the subscription
// list cannot be read, and how a change reports the server's refusal or bumps the tables' version.
import { afterEach, describe, expect, it } from 'vitest';
import { productChoices, useAdminStore } from '../../src-renderer/features/admin/admin-store';
import { fail, ok } from '../../shared/result';
import { answer, installFakeAgent } from './support/fake-agent';
import { ORG_ID, kseSubscription } from './support/fixtures';

const reset = () =>
  useAdminStore.setState({
    orgId: null,
    productId: null,
    subscriptions: [],
    subscriptionsFailure: null,
    version: 0,
    failure: null,
    notice: null,
  });
afterEach(reset);

describe('admin store', () => {
  it('offers each subscribed product once (KRE node-locked and floating are one choice)', () => {
    const kre = { ...kseSubscription, productId: 'kre', productName: 'Katalon Runtime Engine' };
    expect(productChoices([kseSubscription, kre, { ...kre, licenseKind: 'floating' as const }])).toEqual([
      { value: 'kse', label: 'Katalon Studio Enterprise' },
      { value: 'kre', label: 'Katalon Runtime Engine' },
    ]);
  });

  it('falls back to the catalog, with the reason, when the subscriptions cannot be read', async () => {
    installFakeAgent({ adminListSubscriptions: async () => fail('SERVER_UNAVAILABLE', 'Unreachable.') });
    await useAdminStore.getState().selectOrg(ORG_ID);
    const state = useAdminStore.getState();
    expect(state.subscriptionsFailure?.code).toBe('SERVER_UNAVAILABLE');
    expect(state.productId).not.toBeNull();
    expect(productChoices(state.subscriptions).length).toBeGreaterThan(3);
  });

  it('picks the first subscribed product, and keeps the picked one across a refresh', async () => {
    const kre = { ...kseSubscription, productId: 'kre', productName: 'Katalon Runtime Engine' };
    installFakeAgent({ adminListSubscriptions: answer([kseSubscription, kre]) });
    await useAdminStore.getState().selectOrg(ORG_ID);
    expect(useAdminStore.getState().productId).toBe('kse');
    useAdminStore.getState().selectProduct('kre');
    await useAdminStore.getState().refreshSubscriptions();
    expect(useAdminStore.getState().productId).toBe('kre');
  });

  it('a refused change keeps the server’s sentence and leaves the tables alone; an accepted one re-reads them', async () => {
    installFakeAgent({ adminListSubscriptions: answer([kseSubscription]) });
    await useAdminStore.getState().selectOrg(ORG_ID);
    const { change } = useAdminStore.getState();
    await change(
      async () => fail('LICENSE_QUOTA_EXCEEDED', 'The number of licenses cannot exceed the license quota.'),
      'Granted.',
    );
    expect(useAdminStore.getState()).toMatchObject({
      version: 0,
      notice: null,
      failure: { code: 'LICENSE_QUOTA_EXCEEDED' },
    });
    await change(async () => ok(null), 'Granted.');
    expect(useAdminStore.getState()).toMatchObject({ version: 1, notice: 'Granted.', failure: null });
    await change(() => Promise.reject(new Error('channel closed')), 'Granted.');
    expect(useAdminStore.getState().failure).toEqual({
      code: 'INTERNAL',
      message: 'The request could not be sent.',
    });
  });
});
