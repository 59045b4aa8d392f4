import picomatch from 'picomatch';
import type { FileKind } from './types';

const MANIFEST_NAMES = new Set(['pyproject.toml', 'package.json', 'go.mod', 'Cargo.toml', 'pom.xml']);
const CONFIG_NAMES = new Set(['.plumbline.yaml', '.plumbline.yml']);

/** Files that change only with explicit authorization (PL508): MCP servers and their configuration. */
export const DEFAULT_PROTECTED_FILES: readonly string[] = ['**/.mcp.json', '**/mcp.json', '**/mcp/**/*.{json,yaml,yml,sh}'];

function baseName(relativePath: string): string {
  return relativePath.slice(relativePath.lastIndexOf('/') + 1);
}

/**
 * `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Dockerfile-*` and
 * `*.Dockerfile`, but not `dockerfile.ts`, `Dockerfile.dockerignore` or a
 * template a script renders Dockerfiles from (`Dockerfile-debian.template`).
 */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (lower.endsWith('.dockerignore')) return false;
  // The prefix forms are case-sensitive, as Docker's own naming is: `dockerfile.ts` is TypeScript.
  if (name.startsWith('Dockerfile-')) return !/\.(?:template|tmpl|tpl|j2|jinja2?)$/.test(name);
  return name.startsWith('Dockerfile.') || name.startsWith('Containerfile.') || lower.endsWith('.dockerfile');
}

/** Dotenv files: `.env`, `.env.<stage>` and `<name>.env`, templates such as `.env.example` included. */
export function isEnvFileName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

export function isComposeName(name: string): boolean {
  return /^(?:docker-compose[^/]*|compose|compose\.[^/]+)\.ya?ml$/i.test(name);
}

function kindFromShebang(firstLine: string | undefined): FileKind | undefined {
  if (!firstLine?.startsWith('#!')) return undefined;
  if (/\bpython[0-9.]*\b/.test(firstLine)) return 'python';
  if (/\b(?:ba|z|k|da)?sh\b/.test(firstLine)) return 'shell';
  return undefined;
}

/**
 * Classifies a file by its path (relative to the configuration root) and, for
 * files without a telling extension, by its shebang line.
 */
export class FileClassifier {
  private readonly extraCompose: (path: string) => boolean;
  /** Whether a path matches the protected globs (PL508). */
  readonly isProtected: (path: string) => boolean;

  constructor(composeGlobs: readonly string[] = [], protectedGlobs: readonly string[] = DEFAULT_PROTECTED_FILES) {
    this.extraCompose = composeGlobs.length > 0 ? picomatch([...composeGlobs], { dot: true }) : () => false;
    this.isProtected = protectedGlobs.length > 0 ? picomatch([...protectedGlobs], { dot: true }) : () => false;
  }

  classify(relativePath: string, firstLine?: string): FileKind | undefined {
    const name = baseName(relativePath);
    if (CONFIG_NAMES.has(name)) return 'plumbline-config';
    if (isDockerfileName(name)) return 'dockerfile';
    if (isComposeName(name) || this.extraCompose(relativePath)) return 'compose';
    if (MANIFEST_NAMES.has(name)) return 'manifest';
    if (isEnvFileName(name)) return 'env';
    const lower = name.toLowerCase();
    if (lower.endsWith('.py') || lower.endsWith('.pyi')) return 'python';
    if (/^requirements[^/]*\.txt$/i.test(name) || /(?:^|\/)requirements\/[^/]+\.txt$/i.test(relativePath)) {
      return 'requirements';
    }
    if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
    if (lower.endsWith('.sh') || lower.endsWith('.bash')) return 'shell';
    const byShebang = name.includes('.') ? undefined : kindFromShebang(firstLine);
    return byShebang ?? (this.isProtected(relativePath) ? 'protected' : undefined);
  }

  /** Whether a file of this name may need its first line read to be classified. */
  needsFirstLine(relativePath: string): boolean {
    const kind = this.classify(relativePath);
    return !baseName(relativePath).includes('.') && (kind === undefined || kind === 'protected');
  }
}
