// Bundles the desktop harness's Mocha suite for an extension host. Used by the desktop
// launcher and by the browser suite, which runs the same suite inside code-server.
import * as path from 'node:path';
import { build } from 'esbuild';

const OUT_DIR = path.resolve(__dirname, '../../out/electron');

/** Writes out/electron/{index,scenarios.test}.js and returns the entry a test runner loads. */
export async function bundleDesktopSuite(): Promise<string> {
  // Separate bundles: the test file must register its tests when Mocha loads it, not before.
  // `mocha` stays external so both resolve the same instance from node_modules.
  for (const name of ['index', 'scenarios.test']) {
    await build({
      entryPoints: [path.join(__dirname, `${name}.ts`)],
      outfile: path.join(OUT_DIR, `${name}.js`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
      logLevel: 'warning',
    });
  }
  return path.join(OUT_DIR, 'index.js');
}
