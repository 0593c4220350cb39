import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { contextBridge, ipcMain, ipcRenderer, resetElectronMock, WebContentsMock } from './electron-mock';
import { recordingAgent } from './recording-agent';
import {
  IPC_CHANNELS,
  IPC_EVENTS,
  eventMethodOf,
  ipcContract,
  ipcEvents,
  methodOf,
  type AgentApi,
  type AgentBridge,
  type MethodOf,
} from '../../../shared/contracts/ipc';
import { setupIpcHandlers } from '../../../src-main/electron/ipc-handlers';
import { setupEventForwarding } from '../../../src-main/electron/event-forwarding';
import type { IpcMain, WebContents } from 'electron';

// Compile-time drift checks: the derived names are the ones the renderer codes against.
const importOffline: MethodOf<'license:import-offline'> = 'licenseImportOffline';
const exportCsv: MethodOf<'admin:export-audit-csv'> = 'adminExportAuditCsv';
const statusEvent: keyof AgentBridge = 'onLicenseStatusChanged';

// Loading the preload exposes window.agent, as Electron does when it runs the bundled preload.
import '../../../src-main/electron/preload';
const exposedAtLoad = contextBridge.exposed.get('agent') as Record<string, unknown>;
const exposeCalls = [...contextBridge.exposeInMainWorld.mock.calls];
const exposeViaPreload = (): Promise<Record<string, unknown>> => Promise.resolve(exposedAtLoad);

describe('IPC contract drift', () => {
  beforeEach(resetElectronMock);

  it('names every channel domain:verb-noun and derives unique method names', () => {
    for (const channel of IPC_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    const methods = IPC_CHANNELS.map(methodOf);
    expect(new Set(methods).size).toBe(methods.length);
    expect([methodOf('license:import-offline'), methodOf('admin:export-audit-csv')]).toEqual([
      importOffline,
      exportCsv,
    ]);
    expect(eventMethodOf('license:status-changed')).toBe(statusEvent);
  });

  it('registers exactly the contract’s channels in main', () => {
    setupIpcHandlers(ipcMain as unknown as IpcMain, recordingAgent().agent, () => true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
  });

  it('the preload exposes exactly one method per channel and one subscription per event, as window.agent', async () => {
    const exposed = await exposeViaPreload();
    expect(exposeCalls).toEqual([['agent', exposed]]);
    const expected = [...IPC_CHANNELS.map(methodOf), ...IPC_EVENTS.map(eventMethodOf)].sort();
    expect(Object.keys(exposed).sort()).toEqual(expected);
    for (const key of expected) expect(typeof exposed[key]).toBe('function');
  });

  it('each preload method invokes its own channel with the single payload object', async () => {
    const exposed = (await exposeViaPreload()) as unknown as AgentApi;
    await exposed.licenseImportOffline({ fileName: 'KSE_X.lic', content: 'text' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('license:import-offline', {
      fileName: 'KSE_X.lic',
      content: 'text',
    });
    for (const channel of IPC_CHANNELS) {
      const method = (exposed as unknown as Record<string, (payload: unknown) => Promise<unknown>>)[
        methodOf(channel)
      ];
      await method?.({});
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, {});
    }
  });

  it('a preload call whose transport fails resolves to an INTERNAL result instead of throwing', async () => {
    const exposed = (await exposeViaPreload()) as unknown as AgentApi;
    ipcRenderer.invoke.mockImplementationOnce(() => Promise.reject(new Error('No handler registered')));
    await expect(exposed.keyHas({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('status pushes travel from the agent through main to the preload subscriber, and unsubscribe stops them', async () => {
    const exposed = (await exposeViaPreload()) as unknown as AgentBridge;
    const recording = recordingAgent();
    const contents = new WebContentsMock();
    setupEventForwarding(recording.agent, () => contents as unknown as WebContents);
    const seen: unknown[] = [];
    const unsubscribe = exposed.onLicenseStatusChanged((status) => seen.push(status));
    recording.emit('license:status-changed', { machineId: 'M' });
    expect(contents.send).toHaveBeenCalledWith('license:status-changed', { machineId: 'M' });
    ipcRenderer.emit('license:status-changed', {}, { machineId: 'M' });
    unsubscribe();
    ipcRenderer.emit('license:status-changed', {}, { machineId: 'N' });
    expect(seen).toEqual([{ machineId: 'M' }]);
    expect(Object.keys(ipcEvents)).toEqual(IPC_EVENTS);
  });

  it('does not send pushes to a destroyed window', () => {
    const recording = recordingAgent();
    const contents = new WebContentsMock();
    contents.destroyed = true;
    setupEventForwarding(recording.agent, () => contents as unknown as WebContents);
    recording.emit('license:status-changed', {});
    expect(contents.send).not.toHaveBeenCalled();
  });
});
