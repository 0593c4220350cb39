import type { Command } from 'commander';
import type { AgentDeps } from '../services/agent-deps';
import { CliExit, progress, unwrap } from './cli-io';
import { EXIT } from './exit-codes';
import { readSecret } from './read-secret';

/** Options every command accepts (before or after the command name). */
export interface GlobalOptions {
  dataDir?: string;
  server?: string;
  quiet?: boolean;
  json?: boolean;
  apiKeyStdin?: boolean;
  /** Set by the bundle's entry (src-main/cli/main.ts): resources/ beside dist/cli/tessera.mjs. */
  resourcesDir?: string;
}

/** Reads the merged global options of a command. */
export const globalsOf = (command: Command): GlobalOptions => command.optsWithGlobals<GlobalOptions>();

let pipedKey: Promise<string> | undefined;

/** The key piped in for `--api-key-stdin`, read once per process; an empty pipe is a usage error. */
const apiKeyFromStdin = async (options: GlobalOptions): Promise<string | undefined> => {
  if (!options.apiKeyStdin) return undefined;
  pipedKey ??= readSecret('API key: ');
  const key = await pipedKey;
  if (key === '') throw new CliExit(EXIT.usage, '--api-key-stdin was given but stdin held no API key.');
  return key;
};

const built = new WeakMap<Command, Promise<AgentDeps>>();

const programOf = (command: Command): Command => {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
};

/** Builds the real agent for one CLI run, with retry notices on stderr while waiting on the network. */
const buildAgent = async (command: Command): Promise<AgentDeps> => {
  const options = globalsOf(command);
  // Loaded per command, so `--help` and usage errors never load the agent (zod, hardware probe).
  const { createAgentDeps } = await loadServices();
  return unwrap(
    await createAgentDeps({
      dataDir: options.dataDir,
      serverUrl: options.server,
      apiKey: await apiKeyFromStdin(options),
      resourcesDir: options.resourcesDir,
      http: {
        onRetry: ({ delayMs, reason }) =>
          progress(
            `${reason.message} Retrying in ${Math.max(1, Math.round(delayMs / 1000))} s…`,
            options.quiet,
          ),
      },
    }),
  );
};

/** The agent of this CLI run: built once per program, however many steps of a command ask for it. */
export const agentFor = (command: Command): Promise<AgentDeps> => {
  const program = programOf(command);
  let deps = built.get(program);
  if (deps === undefined) {
    deps = buildAgent(command);
    built.set(program, deps);
  }
  return deps;
};

/** Says which server is being contacted, so a slow network is visibly a wait and not a hang. */
export const announceServer = (deps: AgentDeps, command: Command): void => {
  const url = deps.serverUrl();
  if (url) progress(`Contacting the license server at ${url}…`, globalsOf(command).quiet);
};

/** The agent services, loaded on first use (see cli-services.ts). */
export const loadServices = () => import('./cli-services');
