import { ensureWebBuild } from '../web/scripts/ensure-build.ts';

/**
 * Builds the web app once before any journey starts: the journey files run in parallel, and each building web/dist
 * on its own would have them overwrite each other's half-written build.
 */
export default function setup(): void {
  ensureWebBuild();
}
