import { randomBytes } from 'node:crypto';
import type { MachineInfo } from '../../shared/contracts/http/common';
import { hashComponent } from '../../shared/machine-id/normalize-component';
import { deriveMachineId } from '../../shared/machine-id/derive-machine-id';

/** A realistic machine for tests: hashed components and the machine ID the shared code derives from them. */
export function fakeMachine(
  options: { osUser?: string; virtualization?: MachineInfo['virtualization'] } = {},
): MachineInfo {
  const raw = randomBytes(8).toString('hex');
  const componentHashes = {
    osMachineId: hashComponent('osMachineId', `os-${raw}`),
    systemUuid: hashComponent('systemUuid', `uuid-${raw}`),
    baseboardSerial: hashComponent('baseboardSerial', `board-${raw}`),
    cpu: hashComponent('cpu', 'test cpu|8'),
    diskSerial: hashComponent('diskSerial', `disk-${raw}`),
  };
  const osUser = options.osUser ?? 'tester';
  const id = deriveMachineId(componentHashes, osUser, 'linux');
  if (!id.ok) throw new Error(id.error.message);
  return {
    machineId: id.value,
    componentHashes,
    osUserHash: hashComponent('osMachineId', `user-${osUser}`),
    virtualization: options.virtualization ?? 'physical',
  };
}
