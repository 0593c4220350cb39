import type { Command } from 'commander';
import { agentFor, announceServer, globalsOf, loadServices } from '../cli-context';
import { CliExit, output, unwrap } from '../cli-io';
import { EXIT } from '../exit-codes';
import { readSecret } from '../read-secret';

/** `machine-id`, `login`, `logout`: who and where this agent is. */
export const registerAccountCommands = (program: Command): void => {
  program
    .command('machine-id')
    .description("print this machine's ID (for an admin creating an offline license)")
    .action(async (_options: unknown, command: Command) => {
      const { machineInfo } = await loadServices();
      const info = unwrap(await machineInfo(await agentFor(command)));
      output(Boolean(globalsOf(command).json), info, () => info.machineId);
    });

  program
    .command('login')
    .description(
      'store your API key in the OS keychain (read from stdin or a hidden prompt, never from arguments)',
    )
    .option('--server <url>', 'license server URL (remembered for later commands)')
    .action(async (_options: unknown, command: Command) => {
      const deps = await agentFor(command);
      const serverUrl = globalsOf(command).server ?? deps.serverUrl();
      if (!serverUrl)
        throw new CliExit(EXIT.notSignedIn, 'Which license server? Run `tessera login --server <URL>`.');
      const apiKey = await readSecret('API key: ');
      if (apiKey === '')
        throw new CliExit(EXIT.usage, 'No API key was given; paste it at the prompt or pipe it on stdin.');
      announceServer(deps, command);
      const { setKey, AUTH_REFUSALS } = await loadServices();
      const saved = await setKey(deps, { serverUrl, apiKey });
      // At login a key the server refused is a refusal (3), not "not signed in" (6): nothing was stored.
      if (!saved.ok && AUTH_REFUSALS.has(saved.error.code))
        throw new CliExit(EXIT.refused, `${saved.error.message} (${saved.error.code})`);
      const state = unwrap(saved);
      output(
        Boolean(globalsOf(command).json),
        state,
        () =>
          `Signed in: the server accepted your API key; it is stored in the OS keychain for ${state.serverUrl}.`,
      );
    });

  program
    .command('logout')
    .description('remove your API key for the configured server from the OS keychain')
    .action(async (_options: unknown, command: Command) => {
      const { deleteKey } = await loadServices();
      const state = unwrap(await deleteKey(await agentFor(command)));
      output(
        Boolean(globalsOf(command).json),
        state,
        () => 'Signed out: the API key was removed from the OS keychain.',
      );
    });
};
