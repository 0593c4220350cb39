import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Result } from '../../../shared/result';
import type { AgentDeps } from '../../services/agent-deps';
import { agentFor, announceServer, globalsOf, loadServices } from '../cli-context';
import { CliExit, output, unwrap } from '../cli-io';
import { EXIT } from '../exit-codes';
import { formatProduct, formatStatus } from '../format-status';

/** Prints one product's status after a change. */
const showProduct = async (command: Command, productId: string, deps?: AgentDeps): Promise<void> => {
  const { computeStatus } = await loadServices();
  const status = unwrap(await computeStatus(deps ?? (await agentFor(command)), [productId]));
  const product = status.products.find((p) => p.productId === productId);
  output(Boolean(globalsOf(command).json), product, () =>
    product ? formatProduct(product) : `${productId}: no license on this machine.`,
  );
};

/** `activate`, `deactivate`, `status`, `import`: the license on this machine. */
export const registerLicenseCommands = (program: Command): void => {
  type Change = (deps: AgentDeps, productId: string) => Promise<Result<unknown>>;
  const online: readonly (readonly [string, string, () => Promise<Change>])[] = [
    [
      'activate',
      'activate a product online (e.g. kse, kre); the server decides and signs a lease',
      async () => (await loadServices()).activateProduct,
    ],
    [
      'deactivate',
      'give the license back so another machine can use it (R22)',
      async () => (await loadServices()).deactivateProduct,
    ],
  ];
  for (const [name, description, change] of online) {
    program
      .command(`${name} <product>`)
      .description(description)
      .action(async (productId: string, _options: unknown, command: Command) => {
        const deps = await agentFor(command);
        announceServer(deps, command);
        unwrap(await (await change())(deps, productId));
        if (name === 'deactivate') {
          output(
            Boolean(globalsOf(command).json),
            { productId, deactivated: true },
            () => `Deactivated ${productId} on this machine; its license is free for another machine.`,
          );
          return;
        }
        await showProduct(command, productId, deps);
      });
  }

  program
    .command('status')
    .description(
      'may each product run now, under which license, and if not why (local state only, no network)',
    )
    .option('--product <id>', 'exit 3 unless this product may run')
    .action(async (options: { product?: string }, command: Command) => {
      const { computeStatus } = await loadServices();
      const all = unwrap(
        await computeStatus(await agentFor(command), options.product ? [options.product] : []),
      );
      // --product narrows what is shown as well as what decides the exit code.
      const status = options.product
        ? { ...all, products: all.products.filter((p) => p.productId === options.product) }
        : all;
      output(Boolean(globalsOf(command).json), status, () => formatStatus(status));
      if (options.product && !status.products.find((p) => p.productId === options.product)?.canRun)
        throw new CliExit(EXIT.refused);
    });

  program
    .command('import <file>')
    .description(
      'import an offline license file (e.g. KSE_<machineID>.lic), verified completely on this machine',
    )
    .option('--product <id>', 'refuse the file unless it is for this product')
    .action(async (file: string, options: { product?: string }, command: Command) => {
      // Loaded here: reading the file needs the armor's limits, and so zod, which `--help` does without.
      const { readLicenseFile, importOfflineLicense } = await loadServices();
      const content = unwrap(await readLicenseFile(file));
      const verified = unwrap(
        await importOfflineLicense(await agentFor(command), {
          fileName: basename(file),
          content,
          expectedProductId: options.product,
        }),
      );
      await showProduct(command, verified.payload.productId);
    });
};
