// Electron's entry point (bundled to dist/main/main.js): the only module that starts anything on load.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { desktopDeps } from './desktop-deps';
import { startTessera } from './main';

void startTessera(desktopDeps(dirname(fileURLToPath(import.meta.url))));
