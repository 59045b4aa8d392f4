/**
 * Which scripts are part of the product rather than operational scripts, as
 * PL501 judges them. The cross-file facts live in the workspace index, one
 * provider per kind of file that can say so:
 *
 * - a Dockerfile COPYs or ADDs it into an image (sources resolved against the
 *   build contexts that Compose files give that Dockerfile, else against the
 *   Dockerfile's own folder and the folders above it);
 * - a Compose service runs it: `command:`, `entrypoint:` or a health check's
 *   `test:` names it, directly or through a bind mount;
 * - a package manifest declares it an entry point (package.json `bin`,
 *   pyproject `[project.scripts]` / `[tool.poetry.scripts]`);
 * - another shell script `source`s it (a library, not an entry point).
 *
 * Facts are cached per file by the index; their union is computed once per
 * index revision.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { FactProvider, WorkspaceIndex } from '../../../engine/workspaceIndex';
import { parseAs } from '../../../languages';
import { readPyprojectTables, type PyprojectLine } from '../../../languages/pyproject';
import { expandedArguments } from '../../support/dockerfileFacts';
import { componentRootOf } from '../../changelog/missing';
import { asObject, composeRunsFacts } from '../../support/composeRuns';
import { composeBuildsFacts } from '../../docker/support/composeBuilds';
import { addToGroup } from '../../../engine/maps';
import { shellScriptFacts, sourcedFile } from '../script-strict-mode';

/** A path (absolute) that is product, with everything below it when it is a folder, or a glob over a folder. */
type ProductPath = { path: string } | { folder: string; matches: (relative: string) => boolean };

const GLOB = /[*?[]/;

/** COPY and ADD sources from the build context (not `--from` another stage or image, not URLs), as written. */
export const imageSourcesFacts: FactProvider<string[]> = {
  id: 'layout/image-sources',
  appliesTo: (file) => file.kind === 'dockerfile',
  extract(document) {
    const model = parseAs('dockerfile', document);
    const sources: string[] = [];
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        const text = expandedArguments(model, instruction);
        let words: string[];
        try {
          words = text.startsWith('[') ? (JSON.parse(text) as string[]) : text.split(/\s+/);
        } catch {
          continue; // A malformed JSON form copies nothing that can be known.
        }
        if (words.some((word) => /^--from=/i.test(word))) continue;
        const paths = words.filter((word) => word !== '' && !word.startsWith('--'));
        sources.push(...paths.slice(0, -1).filter((source) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !source.includes('$')));
      }
    }
    return sources;
  },
};

/**
 * The folders a build backend packages modules from, besides the project's
 * own: `src/` by convention, hatch's `sources = ["netbox"]`, setuptools'
 * `package-dir` (`"" = "lib"`) and `packages.find` `where`, poetry's
 * `from = "src"`.
 */
function sourceRoots(lines: readonly PyprojectLine[]): string[] {
  const roots = ['src'];
  for (const { table, text } of lines) {
    const listed =
      (/^tool\.hatch\.build(?:\.targets\.wheel)?$/.test(table) && /^\s*sources\s*=\s*\[(.*)\]/.exec(text)?.[1]) ||
      (table === 'tool.setuptools.packages.find' && /^\s*where\s*=\s*\[(.*)\]/.exec(text)?.[1]) ||
      (table === 'tool.setuptools.package-dir' && /^\s*["']{2}\s*=\s*(["'][^"']+["'])/.exec(text)?.[1]) ||
      (table === 'tool.poetry' && /\bfrom\s*=\s*(["'][^"']+["'])/.exec(text)?.[1]);
    if (listed) for (const quoted of listed.matchAll(/["']([^"']+)["']/g)) roots.push(quoted[1]!);
  }
  return roots;
}

/** Entry points a package manifest declares: package.json `bin`, pyproject `[project.scripts]` and `[tool.poetry.scripts]`. */
export const declaredEntryPointsFacts: FactProvider<string[]> = {
  id: 'layout/declared-entry-points',
  appliesTo: (file) => file.kind === 'manifest' && /^(?:package\.json|pyproject\.toml)$/.test(path.basename(file.path)),
  extract(document) {
    const directory = path.dirname(document.path);
    if (document.path.endsWith('.json')) {
      const bin = asObject(JSON.parse(document.text))?.bin;
      const targets = typeof bin === 'string' ? [bin] : Object.values(asObject(bin) ?? {}).filter((value): value is string => typeof value === 'string');
      return targets.map((target) => path.resolve(directory, target));
    }
    const { lines } = readPyprojectTables(document.text);
    const modules = lines
      .filter(({ table }) => table === 'project.scripts' || table === 'tool.poetry.scripts')
      .map(({ text }) => /^\s*[\w.-]+\s*=\s*["']([\w.]+)(?::[\w.]+)?["']/.exec(text)?.[1])
      .filter((module) => module !== undefined);
    const roots = [directory, ...sourceRoots(lines).map((root) => path.resolve(directory, root))];
    return modules.flatMap((module) => {
      const modulePath = module.split('.').join('/');
      return roots.flatMap((root) => [
        path.join(root, `${modulePath}.py`),
        path.join(root, modulePath, '__main__.py'),
        path.join(root, modulePath, '__init__.py'),
      ]);
    });
  },
};

/** A folder and each folder above it, up to the workspace root. */
function foldersUpToRoot(index: WorkspaceIndex, folder: string): string[] {
  const folders = [folder];
  for (let current = folder; current !== index.root && path.dirname(current) !== current;) {
    current = path.dirname(current);
    folders.push(current);
  }
  return folders;
}

function productPathsOf(index: WorkspaceIndex): ProductPath[] {
  const products: ProductPath[] = [];
  const contextsOf = new Map<string, string[]>();
  for (const { facts } of index.facts(composeBuildsFacts)) for (const build of facts) addToGroup(contextsOf, build.dockerfile, build.context);
  for (const { facts } of index.facts(composeRunsFacts)) products.push(...facts.runs.map((run) => ({ path: run })));
  for (const { file, facts: sources } of index.facts(imageSourcesFacts)) {
    const own = path.dirname(file.path);
    // Without a Compose build context, the Dockerfile's folder and the folders above it (`docker build -f sub/Dockerfile .`).
    const contexts = contextsOf.get(file.path) ?? foldersUpToRoot(index, own);
    for (const source of sources) {
      for (const context of contexts) {
        // Only a known context may claim all of itself: `COPY . .` resolved against a guessed parent would claim every file there.
        if (context !== own && !contextsOf.has(file.path) && /^\.?\/?$/.test(source)) continue;
        if (GLOB.test(source)) {
          products.push({ folder: context, matches: picomatch(source.replace(/^\.\//, ''), { dot: true }) });
        } else {
          products.push({ path: path.resolve(context, source) });
        }
      }
    }
  }
  for (const { facts } of index.facts(declaredEntryPointsFacts)) products.push(...facts.map((entry) => ({ path: entry })));
  for (const { file, facts } of index.facts(shellScriptFacts)) {
    for (const written of facts.sources) {
      const target = sourcedFile(index, file.path, written);
      if (target) products.push({ path: target });
    }
  }
  return products;
}

/** What frameworks start an application with: Django's `manage.py`, WSGI and ASGI modules. */
const APPLICATION_ENTRY_POINTS = new Set(['manage.py', 'wsgi.py', 'asgi.py']);
/** A component's own start module. */
const COMPONENT_ENTRY_POINTS = new Set(['app.py', 'main.py']);
/** The repository's own install or deploy entry point, where its users run it: at the root, named for the product or not (`install-paperless.sh`). */
const ROOT_ENTRY_POINT = /^(?:install|deploy)(?:[-_][\w.-]+)?\.sh$/;

/** An application's entry point: `manage.py`, `wsgi.py`, `asgi.py`, a component's `app.py`/`main.py`, the root `install.sh`/`deploy.sh`. */
function isEntryPointByName(index: WorkspaceIndex, relativePath: string, filePath: string): boolean {
  const name = path.basename(filePath);
  if (APPLICATION_ENTRY_POINTS.has(name) || ROOT_ENTRY_POINT.test(relativePath)) return true;
  return COMPONENT_ENTRY_POINTS.has(name) && componentRootOf(index, path.dirname(filePath)) !== index.root;
}

/**
 * Product code by where it is: under a `src/` folder, or in the `bin/`
 * folder of the workspace root or of a component (a tool's own commands).
 */
function isUnderSourceRoot(index: WorkspaceIndex, relativePath: string, filePath: string): boolean {
  if (relativePath.split('/').slice(0, -1).includes('src')) return true;
  const directory = path.dirname(filePath);
  const owner = path.dirname(directory);
  return path.basename(directory) === 'bin' && componentRootOf(index, owner) === owner;
}

/**
 * Whether a script (absolute path; `relativePath` from the configuration
 * root) ships with the product: it is under a source root, or another file
 * of the workspace copies, runs, declares or sources it (isProductFile).
 */
export function isPartOfProduct(index: WorkspaceIndex, relativePath: string, filePath: string): boolean {
  // The cross-file facts last: they read other files.
  return isUnderSourceRoot(index, relativePath, filePath) || isProductFile(index, filePath);
}

/** Whether a script is product code rather than an operational script: an entry point by its name, or part of the product. */
export function isProductScript(index: WorkspaceIndex, relativePath: string, filePath: string): boolean {
  return isEntryPointByName(index, relativePath, filePath) || isPartOfProduct(index, relativePath, filePath);
}

/**
 * Whether another file of the workspace makes this script (absolute path)
 * part of the product: copied into an image, run by Compose, declared as an
 * entry point or sourced by another script. Computed once per index revision.
 */
function isProductFile(index: WorkspaceIndex, filePath: string): boolean {
  const products = index.derive('layout/product-files', () => productLookupOf(productPathsOf(index)));
  // The file itself and each folder above it (not the file-system root): a product path covers what is under it.
  for (let current = filePath; path.dirname(current) !== current; current = path.dirname(current)) {
    if (products.paths.has(current)) return true;
  }
  return products.globs.some((product) => {
    const relative = path.relative(product.folder, filePath);
    return !relative.startsWith('..') && product.matches(relative.split(path.sep).join('/'));
  });
}

/** Product paths in a set, so a lookup walks up the file's folders instead of through every product of the workspace. */
function productLookupOf(products: readonly ProductPath[]): { paths: Set<string>; globs: Array<Extract<ProductPath, { folder: string }>> } {
  const paths = new Set<string>();
  const globs: Array<Extract<ProductPath, { folder: string }>> = [];
  for (const product of products) {
    if ('path' in product) paths.add(product.path);
    else globs.push(product);
  }
  return { paths, globs };
}
