import type { Arg, Env } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';

/** BuildKit's SecretsUsedInArgOrEnv words: a name holding one of them as a word looks secret. */
const SECRET_WORDS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'passwd', 'pword', 'secret', 'token']);
/** Names that mention these describe where or which secret, not the secret itself. */
const EXEMPT_PARTS = ['public', 'file', 'version'];

/** Splits a name into lowercase words at `_`, `-`, `.` and camelCase boundaries: `apiKey_ID` → api, key, id. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

export function looksSecret(name: string): boolean {
  const lower = name.toLowerCase();
  if (EXEMPT_PARTS.some((part) => lower.includes(part))) return false;
  return nameWords(name).some((word) => SECRET_WORDS.has(word));
}

export const secretInBuildConfig = defineRule({
  meta: {
    code: 'PL105',
    name: 'docker/secret-in-build-config',
    summary: 'ENV or ARG whose name looks like a secret.',
    severity: 'error',
    policy: 'Secrets never enter images.',
    fixable: 'no',
    kinds: ['dockerfile'],
    docs: {
      language: 'dockerfile',
      rationale:
        'ENV values are baked into the image config and every layer after them; ARG values are recorded in the image history (`docker history`) and in build provenance. Anyone who can pull the image can read them. BuildKit secret mounts expose a secret to one RUN step as a file under /run/secrets/ and leave no trace in the image.',
      bad: 'FROM python:3.12.7-slim\nARG PIP_INDEX_TOKEN\nRUN pip install --index-url https://__token__:${PIP_INDEX_TOKEN}@pypi.example.com/simple -r requirements.txt\n',
      good: 'FROM python:3.12.7-slim\nRUN --mount=type=secret,id=pip_index_token \\\n    pip install --index-url "https://__token__:$(cat /run/secrets/pip_index_token)@pypi.example.com/simple" -r requirements.txt\n',
      peers:
        "Follows BuildKit's SecretsUsedInArgOrEnv check: the same secret words (password, passwd, pword, secret, token, apikey, auth, credential(s), key) matched as whole words of the name, and the same exemptions (names containing public, file or version). BuildKit shows it as a build-time warning; PL105 reports it while you type, at error severity (a leaked secret cannot be taken back), at the variable's name, and also splits camelCase names (`apiKey`). hadolint's DL3064 is the other peer the policy names.",
    },
  },
  check(context) {
    for (const instruction of context.parsed.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'ARG') continue;
      for (const property of (instruction as Env | Arg).getProperties()) {
        const name = property.getName();
        if (!looksSecret(name)) continue;
        const id = nameWords(name).join('_');
        context.report({
          message: `${keyword} "${name}" looks like a secret, and ${keyword} values stay readable in the image's ${keyword === 'ENV' ? 'config' : 'history'}; use RUN --mount=type=secret,id=${id} and read /run/secrets/${id} instead.`,
          range: property.getNameRange(),
        });
      }
    }
  },
});
