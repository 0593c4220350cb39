import { findProduct } from '../../shared/catalog/find-product';
import { verifyLicense } from '../../shared/license-file/verify-license';
import { ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { recordObservedTime } from './observed-time';
import { productStatus } from './product-status';
import { knownRevocations } from './revocations';
import { trustSummary } from './trust-setup';
import type { AgentStatus } from './status-events';

/**
 * May each product run now, under which license, and if not why — from local state only (no network):
 * every stored lease and offline license is re-verified (signature, machine, product, clock), so an
 * edited state file grants nothing. The time observed is recorded as the latest trusted time.
 */
export const computeStatus = async (
  deps: AgentDeps,
  include: readonly string[] = [],
): Promise<Result<AgentStatus>> => {
  const loaded = await deps.store.load();
  if (!loaded.ok) return loaded;
  const machine = await deps.probe.snapshot();
  if (!machine.ok) return machine;
  const state = loaded.value;
  const now = deps.now();
  // The time seen now becomes the floor a later, set-back clock is judged against (R7).
  const floor = await recordObservedTime(deps, state.lastTrustedTime);
  if (floor.ok) state.lastTrustedTime = floor.value;
  const revocations = await knownRevocations(deps, state);
  const verify = (content: string, productId: string) =>
    verifyLicense(deps.chain, content, {
      revocations,
      expectedMachineId: machine.value.machineId,
      expectedProductId: productId,
      now,
      lastTrustedTime: state.lastTrustedTime || undefined,
    });
  const productIds = new Set([
    ...include,
    ...Object.keys(state.leases),
    ...Object.keys(state.offlineLicenses),
    ...Object.keys(state.notes),
    ...Object.values(state.sessions).map((session) => session.productId),
  ]);
  const products = [];
  for (const productId of [...productIds].sort()) {
    const product = findProduct(deps.catalog, productId);
    const lease = state.leases[productId];
    const offline = state.offlineLicenses[productId];
    products.push(
      productStatus({
        productId,
        productName: product.ok ? product.value.name : productId,
        lease: lease ? await verify(lease.content, productId) : undefined,
        offline: offline ? await verify(offline.content, productId) : undefined,
        state,
        machine: machine.value,
        now,
      }),
    );
  }
  return ok({
    machineId: machine.value.machineId,
    serverMode: deps.serverMode(),
    serverReachable: state.serverContact ? state.serverContact.reachable : null,
    checkedAt: new Date(now).toISOString(),
    trust: trustSummary(deps.trust),
    products,
  });
};
