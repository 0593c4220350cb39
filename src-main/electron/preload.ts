// Sandboxed preload entry: exposes exactly the IPC contract as `window.agent`, nothing else of
// Electron. Bundled to dist/main/preload.cjs; the object is built by iterating the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { buildAgentBridge } from '../../shared/contracts/ipc-bridge';
import type { AgentBridge } from '../../shared/contracts/ipc';

contextBridge.exposeInMainWorld('agent', buildAgentBridge(ipcRenderer) satisfies AgentBridge);
