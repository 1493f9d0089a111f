#!/usr/bin/env node
// Loket runs its TypeScript sources directly on Node 24 (type stripping). npm scripts put the project's own
// Node 24 (the `node` package) first on PATH; called some other way on an older Node, say what to do.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Loket needs Node.js 24 (this is ${process.versions.node}). Run it through npm: npx loket <command>`);
  process.exit(1);
}
await import('../src/cli.ts');
