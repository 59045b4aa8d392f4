import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsFileName, type RuleMeta } from '../engine/rule';

interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

/**
 * The installed Plumbline package: found by walking up from this module, which
 * works both from the TypeScript sources and from the bundled dist/cli.js.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let directory = __dirname; ; directory = path.dirname(directory)) {
    const manifest = path.join(directory, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'plumbline') return (cached = { root: directory, version: parsed.version ?? '0.0.0' });
    }
    if (path.dirname(directory) === directory) return (cached = { root: path.resolve(__dirname, '..', '..', '..'), version: '0.0.0' });
  }
}

/**
 * Link to a rule's page. It points at the page shipped inside the installed
 * package: that copy exists offline and always matches the version that
 * produced the diagnostic, whereas no public docs site exists to link to.
 */
export function ruleDocsUri(meta: Pick<RuleMeta, 'code' | 'name'>): string {
  return pathToFileURL(path.join(packageInfo().root, 'docs', 'rules', docsFileName(meta))).href;
}

/** The rule index page, docs/rules/README.md of the installed package. */
export function rulesIndexPath(): string {
  return path.join(packageInfo().root, 'docs', 'rules', 'README.md');
}

/** The rule index page as a link: the tool's information URI. */
export function rulesIndexUri(): string {
  return pathToFileURL(rulesIndexPath()).href;
}
