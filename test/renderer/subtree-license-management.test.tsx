// A sub-organization's License Management (R13, R14): the subscription it draws on from an ancestor,
// said to be inherited and from whom, with its own tree node; pickers find members of sub-organizations
// and say where each belongs.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { subscriptionDetailsSchema } from '../../shared/contracts/ipc-admin-licenses';
import { SubscriptionDetails } from '../../src-renderer/features/admin/licenses/subscription-details';
import { memberLabel } from '../../src-renderer/features/admin/members/member-picker';
import { kseSubscription, ORG_ID } from './support/fixtures';
import { renderUi } from './support/render';

afterEach(() => cleanup());

describe('a sub-organization drawing on an ancestor’s subscription', () => {
  it('R13 R14 shows the inherited subscription, names its holder and shows the organization’s own share', () => {
    const inherited = subscriptionDetailsSchema.parse({
      ...kseSubscription,
      inheritedFrom: { orgId: ORG_ID, name: 'Acme' },
      share: { dedicated: 2, pool: 2, assigned: 1, available: 1 },
    });
    renderUi(<SubscriptionDetails subscription={inherited} />);
    expect(screen.getByText('Inherited from “Acme”')).toBeTruthy();
    expect(screen.getByTestId('figure-subscribed-licenses').textContent).toBe('2');
    expect(screen.getByTestId('organization-share').textContent).toContain(
      'This organization: 2 dedicated, 2 in its pool, 1 in use, 1 available',
    );
  });

  it('R16 an organization’s own subscription says nothing about inheritance', () => {
    renderUi(<SubscriptionDetails subscription={kseSubscription} />);
    expect(screen.queryByText(/Inherited from/)).toBeNull();
    expect(screen.queryByTestId('organization-share')).toBeNull();
  });

  it('R13 a picker names the organization a member of the subtree belongs to', () => {
    const mo = { name: 'Mo', email: 'mo@acme.test' };
    expect(memberLabel({ ...mo, organization: { orgId: ORG_ID, name: 'QA mobile' } })).toBe(
      'Mo <mo@acme.test> · QA mobile',
    );
    expect(memberLabel(mo)).toBe('Mo <mo@acme.test>');
  });
});
