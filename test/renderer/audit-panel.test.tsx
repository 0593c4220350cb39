// The Audit log tab: rows from the server, a machine filter sent to the server, and a CSV export of
// the same filter that says how many events it holds or why it was cut.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AuditPanel } from '../../src-renderer/features/admin/org/audit-panel';
import { answer, installFakeAgent } from './support/fake-agent';
import { MACHINE_ID, ORG_ID } from './support/fixtures';
import { renderUi } from './support/render';

const event = {
  id: 'evt-1',
  at: '2026-11-20T09:30:00.000Z',
  actor: 'owner@acme.test',
  action: 'license.granted',
  productId: 'kse',
  machineId: MACHINE_ID,
  reason: null,
  details: {},
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('Audit log', () => {
  it('lists events newest first with actor, action and machine', async () => {
    installFakeAgent({
      adminListAudit: answer({ items: [event, { ...event, id: 'evt-2', actor: null }], total: 2 }),
    });
    renderUi(<AuditPanel orgId={ORG_ID} productId="kse" />);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(
      within(first as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(1),
    ).toEqual(['owner@acme.test', 'license.granted', MACHINE_ID, '—']);
    expect(within(second as HTMLElement).getAllByRole('cell')[1]?.textContent).toBe('system');
  });

  it('sends the machine filter to the server and exports the same filter as CSV, saying when 1 MB cut it', async () => {
    const saved: string[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: () => 'blob:audit', revokeObjectURL: () => undefined }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    const agent = installFakeAgent({
      adminListAudit: answer({ items: [event], total: 1 }),
      adminExportAuditCsv: answer({
        fileName: 'audit.csv',
        content: 'at,action\n',
        rows: 12_000,
        truncated: true,
      }),
    });
    renderUi(<AuditPanel orgId={ORG_ID} productId="kse" />);
    fireEvent.change(screen.getByLabelText('Machine ID'), { target: { value: ` ${MACHINE_ID} ` } });
    const filter = { productId: 'kse', machineId: MACHINE_ID };
    await waitFor(() =>
      expect(agent.calls.adminListAudit).toHaveBeenCalledWith(
        expect.objectContaining({ orgId: ORG_ID, filter }),
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(agent.calls.adminExportAuditCsv).toHaveBeenCalledWith({ orgId: ORG_ID, filter }),
    );
    expect(await screen.findByText('Export cut at 1 MB')).toBeTruthy();
    expect(screen.getByText(/newest 12,000 matching events/)).toBeTruthy();
    expect(saved).toEqual(['audit.csv']);
    click.mockRestore();
  });
});
