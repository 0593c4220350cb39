// zod's set-up for a short-lived agent command, in its own module so the CLI bundle keeps only the parts
// of `zod/mini` the agent uses: a dynamic `import('zod/mini')` would keep the whole namespace (the JIT
// compiler and JSON Schema generator included) in the chunk every command loads.
import { config, locales } from 'zod/mini';

/**
 * Turns zod's JIT off (compiling a parser per object schema costs more than it saves when each file is
 * parsed once) and gives zod/mini the English messages classic zod sets on import, so an issue without a
 * message of its own reads the same in the CLI as in the desktop app and the server.
 */
export const useJitlessZod = (): void => {
  config(locales.en());
  config({ jitless: true });
};
