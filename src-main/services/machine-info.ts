import { COMPONENT_NAMES } from '../../shared/machine-id/components';
import type { IpcResponse } from '../../shared/contracts/ipc';
import { ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';

/** Machine ID, virtualization and which components could be read (presence only, never raw values). */
export const machineInfo = async (deps: AgentDeps): Promise<Result<IpcResponse<'machine:get-info'>>> => {
  const snapshot = await deps.probe.snapshot();
  if (!snapshot.ok) return snapshot;
  const { machineId, virtualization, componentHashes } = snapshot.value;
  return ok({
    machineId,
    virtualization,
    components: COMPONENT_NAMES.map((name) => ({ name, present: componentHashes[name] !== undefined })),
  });
};

/**
 * The request file a user sends an admin who creates an offline license (R8): the machine ID and how the
 * machine runs; nothing secret, nothing raw.
 */
export const machineRequestFile = async (
  deps: AgentDeps,
): Promise<Result<IpcResponse<'machine:save-request'>>> => {
  const info = await machineInfo(deps);
  if (!info.ok) return info;
  const content = `${JSON.stringify(
    {
      kind: 'tessera-machine-request',
      machineId: info.value.machineId,
      virtualization: info.value.virtualization,
      createdAt: new Date(deps.now()).toISOString(),
    },
    null,
    2,
  )}\n`;
  return ok({ fileName: `tessera-machine-${info.value.machineId}.json`, content });
};
