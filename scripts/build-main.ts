// `npm run build:main`: bundles the Electron main process and the sandboxed preload into dist/main
// (options and reasons in src-main/electron/bundle-main.ts).
import { buildMain } from '../src-main/electron/bundle-main';

buildMain().then(
  () => process.stdout.write('Built dist/main/main.js and dist/main/preload.cjs.\n'),
  (error: unknown) => {
    process.stderr.write(
      `The main-process build failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
