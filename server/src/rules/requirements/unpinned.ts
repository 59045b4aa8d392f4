import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import type { FactProvider } from '../../engine/workspaceIndex';
import { readPyprojectTables } from '../../languages/pyproject';
import type { RequirementLine } from '../../languages/requirements';

/**
 * Requirement files a pyproject.toml makes the package's own dependencies
 * (setuptools' `[tool.setuptools.dynamic] dependencies = { file = … }`,
 * hatch-requirements-txt's `files = [...]`), as absolute paths. A library
 * publishes them as ranges on purpose: exact pins there would make its
 * users' environments unsolvable.
 */
export const packageRequirementFilesFacts: FactProvider<string[]> = {
  id: 'requirements/package-requirement-files',
  appliesTo: (file) => file.kind === 'manifest' && path.basename(file.path) === 'pyproject.toml',
  extract(document) {
    const directory = path.dirname(document.path);
    const files: string[] = [];
    for (const { table, text: line } of readPyprojectTables(document.text).lines) {
      const declares =
        (table === 'tool.setuptools.dynamic' && /^\s*(?:dependencies|optional-dependencies)\b[^=]*=.*\bfile\s*=/.test(line)) ||
        (table.startsWith('tool.hatch.metadata.hooks.requirements_txt') && /^\s*files\s*=/.test(line));
      if (!declares) continue;
      for (const quoted of line.matchAll(/["']([^"']+\.txt)["']/g)) files.push(path.resolve(directory, quoted[1]!));
    }
    return files;
  },
};

/** `==1.2.3` or `===1.2.3`, one exact version without wildcards. */
const EXACT_PIN = /^===?[^,*<>=!~]+$/;
/** A VCS reference pinned to a full commit hash. */
const PINNED_VCS = /@[0-9a-f]{40}(?:#|$)/;

const PIN_ADVICE = 'pin an exact version with == (pip-compile or uv can generate the pins) so every build installs the same thing.';
const URL_ADVICE = 'add a #sha256= hash (or pin a VCS commit by its full hash) so every build installs the same thing.';

function isUnhashedUrl(url: string, hashed: boolean): boolean {
  return /:\/\//.test(url) && !hashed && !PINNED_VCS.test(url);
}

function problemOf(line: RequirementLine): string | undefined {
  if (line.kind === 'reference') return isUnhashedUrl(line.target, line.hashed) ? `"${line.target}" is a URL without a hash; ${URL_ADVICE}` : undefined;
  if (line.kind !== 'requirement') return undefined;
  if (line.url !== undefined) return isUnhashedUrl(line.url, line.hashed) ? `"${line.name}" comes from a URL without a hash; ${URL_ADVICE}` : undefined;
  if (EXACT_PIN.test(line.specifier) || line.hashed) return undefined;
  return line.specifier ? `"${line.name}${line.specifier}" is a range, not an exact pin; ${PIN_ADVICE}` : `"${line.name}" has no version pin; ${PIN_ADVICE}`;
}

export const unpinnedRequirement = defineRule({
  meta: {
    code: 'PL310',
    name: 'requirements/unpinned',
    summary: 'A `requirements*.txt` line without an exact `==` pin.',
    severity: 'warning',
    policy: 'Builds are reproducible: Python dependencies are pinned to exact versions.',
    fixable: 'no',
    kinds: ['requirements'],
    docs: {
      language: 'text',
      exampleFile: 'requirements.txt',
      rationale:
        'An unpinned requirement installs whatever is newest on the day of the build, so two builds of the same commit can differ and a release of a dependency can break production without a change in the repository. Exact pins (ideally with hashes) make every build install the same thing; a lock tool such as pip-compile or uv keeps them current.',
      bad: `fastapi>=0.110
redis
httpx~=0.27
`,
      good: `fastapi==0.115.0
redis==5.0.8
httpx==0.27.2
`,
      peers:
        "Like pip's `--require-hashes` mode in spirit, without requiring hashes: `==` and `===` pins pass, ranges, `~=`, wildcards (`==1.*`) and bare names are reported. Options (`--index-url`, `-e`, `--hash` lines) and `-r`/`-c` includes pass; included files that exist are linted as files of their own. Direct references pass when they carry a `#sha256=` (or other) hash or pin a VCS commit by its full hash; local paths pass. A file that a pyproject.toml makes the package's own dependencies (`[tool.setuptools.dynamic] dependencies = { file = \"requirements.txt\" }`, or hatch-requirements-txt's `files`) is not judged: a library publishes ranges on purpose, and pins there would make its users' environments unsolvable.",
    },
  },
  check(context) {
    const { document, index } = context;
    if (index.facts(packageRequirementFilesFacts).some(({ facts }) => facts.includes(document.path))) return;
    for (const line of context.parsed.lines) {
      const problem = problemOf(line);
      if (!problem) continue;
      context.report({
        message: problem,
        range: document.rangeOf(line.from, line.to),
      });
    }
  },
});
