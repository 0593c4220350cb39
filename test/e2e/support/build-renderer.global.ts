// Global setup of the e2e project: builds the renderer once, exactly as `npm run build:renderer`.
import { buildRendererRelease } from '../../../scripts/build-renderer-release';

/** Builds dist/renderer (the production build users get) before any e2e file runs. */
export default async function setup(): Promise<void> {
  await buildRendererRelease();
}
