import * as path from 'node:path';
import { relativePosix } from '../../engine/fileSystem';
import { defineRule } from '../../engine/rule';
import type { ResolvedConfig } from '../../engine/config';
import type { WorkspaceIndex } from '../../engine/workspaceIndex';
import { isPartOfProduct } from './support/productFiles';

/** `deploy.sh`, `deploy-prod.sh`, `deploy_staging.bash`, `deploy.eu.sh`. */
const DEPLOY_SCRIPT = /^deploy(?:[-_.][^/]*)?\.(?:sh|bash)$/i;

/**
 * A deploy entry script: named like one, and neither a test nor part of the
 * product (a script an image copies, Compose runs or another script sources
 * is a step of a deployment, not a way to deploy).
 */
function isDeployScript(index: WorkspaceIndex, config: ResolvedConfig, relativePath: string, filePath: string): boolean {
  return DEPLOY_SCRIPT.test(path.posix.basename(relativePath)) && !config.isTestFile(relativePath) && !isPartOfProduct(index, relativePath, filePath);
}

interface DeployScript {
  path: string;
  relativePath: string;
}

/**
 * The workspace's deploy entry scripts as a configuration sees them, found
 * once per index revision: asked per script, the search made a workspace of
 * hundreds of them cubic (each script × each other × every product file).
 */
function deployScriptsOf(index: WorkspaceIndex, config: ResolvedConfig): DeployScript[] {
  const byConfig = index.derive('layout/deploy-scripts', () => new Map<ResolvedConfig, DeployScript[]>());
  let scripts = byConfig.get(config);
  if (!scripts) {
    scripts = index
      .filesOfKind('shell')
      .filter((file) => DEPLOY_SCRIPT.test(path.basename(file.path)))
      .map((file) => ({ path: file.path, relativePath: relativePosix(config.root, file.path) }))
      .filter((file) => isDeployScript(index, config, file.relativePath, file.path));
    byConfig.set(config, scripts);
  }
  return scripts;
}

/** The script that stays: the root `deploy.sh`, else the shallowest, then alphabetically first. */
function canonicalOrder(a: string, b: string): number {
  const rank = (p: string) => (p === 'deploy.sh' ? 0 : 1);
  return rank(a) - rank(b) || a.split('/').length - b.split('/').length || a.localeCompare(b);
}

export const singleDeployScript = defineRule({
  meta: {
    code: 'PL503',
    name: 'layout/single-deploy-script',
    summary: 'More than one deploy entry script (`deploy.sh`, `deploy-*.sh` …) in the workspace.',
    severity: 'warning',
    policy: 'There is one way to deploy: a single deploy entry script at the repository root.',
    fixable: 'no',
    kinds: ['shell'],
    docs: {
      language: 'text',
      rationale:
        'Two deploy scripts drift apart: one gets the new migration step, the other is what the on-call engineer runs. A single entry point, with environments and targets as arguments, keeps one deployment procedure that everybody reviews and uses.',
      bad: `deploy.sh
services/api/deploy-api.sh
scripts/backend/deployment/deploy_prod.sh
`,
      good: `deploy.sh            # ./deploy.sh api prod
scripts/backend/deployment/migrate.sh
`,
      peers:
        "No peer tool checks this. Deploy entry scripts are shell files named `deploy.sh`, `deploy-*.sh`, `deploy_*.sh` or `deploy.*.sh` (also `.bash`) anywhere in the workspace (ignored paths aside), except tests and scripts that are part of the product: under a `src/` folder or a tool's `bin/`, copied into an image by a Dockerfile, run by a Compose service or sourced by another script (steps of a deployment, not ways to deploy). The root `deploy.sh` is the one that stays (else the shallowest, then the alphabetically first); every other one is reported, with links to the rest.",
    },
  },
  check(context) {
    const { relativePath, document } = context;
    if (!isDeployScript(context.index, context.config, relativePath, document.path)) return;
    const others = deployScriptsOf(context.index, context.config).filter((file) => file.path !== document.path);
    if (others.length === 0) return;
    const canonical = [relativePath, ...others.map((o) => o.relativePath)].sort(canonicalOrder)[0];
    if (canonical === relativePath) return;
    context.report({
      message: `"${relativePath}" is a second deploy entry script; fold it into "${canonical}" (as an argument or target) so there is one way to deploy.`,
      range: document.lineRange(0),
      related: others.map((other) => ({
        path: other.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: other.relativePath === canonical ? 'The deploy entry script that stays' : 'Another deploy entry script',
      })),
    });
  },
});
