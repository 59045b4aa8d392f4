import * as path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import { isGitIgnored } from '../../engine/fileSystem';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { mapEntries, nodeRange, resolveNode, scalarText } from '../../languages/compose';
import { judgeSecret, looksLikeSecretVariable } from '../support/secrets';
import { isComposeTestScaffolding } from '../support/exemptCode';
import { composeFilesLoading, isEnvTemplateName } from './support/envFiles';
import { reportOncePerRange } from './support/reportOnce';
import { checkOnce } from './support/memo';

/** A secret's value, or undefined when it is not one. `$$` is Compose's escaped `$`, a literal character. */
function secretValue(name: string, value: string | undefined): { verdict: 'placeholder' | 'credential'; value: string } | undefined {
  if (value === undefined || !looksLikeSecretVariable(name)) return undefined;
  const verdict = judgeSecret(name, value.replace(/\$\$/g, ''));
  return verdict === 'placeholder' || verdict === 'credential' ? { verdict, value } : undefined;
}

function checkComposeFile(context: RuleContext<'compose'>): void {
  const model = context.parsed;
  const reportOnce = reportOncePerRange(context);
  const report = (service: string, name: string, value: string | undefined, range: Range) => {
    const secret = secretValue(name, value);
    if (!secret) return;
    reportOnce({
      message:
        secret.verdict === 'placeholder'
          ? `${name} of service "${service}" is set to "${secret.value.trim()}", a well-known placeholder: a deployment that does not override it runs with a published credential; require it instead (\${${name}:?set ${name}}) or use Compose secrets:.`
          : `${name} of service "${service}" is set to a literal secret in environment:; use Compose secrets: (or \${${name}} from an untracked .env file) so it stays out of version control.`,
      range,
    });
  };
  for (const service of model.services) {
    const environment = resolveNode(service.entries.get('environment')?.value, model.yaml);
    if (isMap(environment)) {
      for (const [name, entry] of mapEntries(environment, model)) {
        report(service.name, name, scalarText(entry.value, model.yaml), nodeRange(context.document, entry.value));
      }
    } else if (isSeq(environment)) {
      for (const raw of environment.items) {
        const item = resolveNode(raw, model.yaml);
        const text = scalarText(item, model.yaml);
        const equals = text?.indexOf('=') ?? -1;
        if (!isScalar(item) || !item.range || text === undefined || equals < 0) continue;
        // Point at the value after `=` in the source (inside the quotes, when quoted).
        const source = context.document.text.slice(item.range[0], item.range[1]);
        const quote = source.startsWith('"') || source.startsWith("'") ? 1 : 0;
        const start = item.range[0] + source.indexOf('=') + 1;
        report(service.name, text.slice(0, equals).trim(), text.slice(equals + 1), context.document.rangeOf(start, Math.max(start, item.range[1] - quote)));
      }
    }
  }
}

/**
 * A committed env file: `.env` and `.env.<stage>` always (Compose reads
 * `.env` for interpolation), templates such as `.env.example` only when a
 * Compose file loads them with `env_file:`. An env file that `.gitignore`
 * keeps out of the repository is where secrets belong.
 */
function checkEnvFile(context: RuleContext<'env'>): void {
  const filePath = context.document.path;
  if (isGitIgnored(context.index.root, context.index.relativePath(filePath))) return;
  const loaded = () => composeFilesLoading(context.index, filePath).length > 0;
  if (isEnvTemplateName(path.basename(filePath)) && !loaded()) return;
  for (const entry of context.parsed.entries) {
    const secret = secretValue(entry.name, entry.value);
    if (!secret) continue;
    context.report({
      message:
        secret.verdict === 'placeholder'
          ? `${entry.name} is set to "${secret.value.trim()}", a well-known placeholder, in a committed env file: a deployment that does not override it runs with a published credential; leave it empty here and set the real value outside the repository.`
          : `${entry.name} is set to a literal secret in a committed env file; keep real values in an untracked env file (listed in .gitignore) or in Compose secrets:, and commit only a template without them.`,
      range: context.document.rangeOf(entry.valueFrom, entry.valueTo),
    });
  }
}

export const composeSecretInEnvironment = defineRule({
  meta: {
    code: 'PL206',
    name: 'compose/secret-in-environment',
    summary: 'A literal secret for a secret-looking variable in `environment:` (map or list form) or in a committed env file.',
    severity: 'error',
    policy: 'Secrets never live in version control.',
    fixable: 'no',
    kinds: ['compose', 'env'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        "A password written into a Compose file or a committed env file is in every clone, every fork and every CI log of the repository, forever. Secret-looking variables (BuildKit's tokens: password, passwd, pword, secret, token, apikey, auth, credential(s), key, plus pw; names with public, file or version are skipped) must come from Compose `secrets:` or from interpolation of an untracked `.env` file. " +
        'The value decides, not the name alone. Not secrets: an empty value (`- DB_PASSWORD`, passed through from the shell), `${…}` interpolation, a file path (`/run/secrets/db_password`), a URL without a password in it, an authentication mechanism or switch (`trust`, `md5`, `scram-sha-256`, `bearer`, `basic`, `none`, `true`, `false`), and any value of a name whose last word says it describes the secret rather than holds it (`AUTH_METHOD`, `TOKEN_TYPE`, `PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`, `ACCESS_KEY_ID`, `PASSWORD_MIN_LENGTH`, `TOKEN_EXPIRE_MINUTES`, `AUTH_HEADER`, …), including an S3-style `ACCESS_KEY` without `SECRET` in its name, the public half of a key pair whose `SECRET_KEY` is the credential. ' +
        'Well-known placeholders (`changeme`, `changethis`, `changeit`, `secret`, `password`, `your-…`, `<…>`) are still reported, with their own message: a committed default credential is a hard-coded credential for every deployment that forgets to override it, so the committed file should leave it empty or the Compose file should require it (`${DB_PASSWORD:?set DB_PASSWORD}`). ' +
        'Env files are checked too, at the line: `.env` (which Compose reads for interpolation), `.env.<stage>` and `<name>.env`, unless `.gitignore` keeps them out of the repository; templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`) document the variables and are skipped unless a service loads them with `env_file:`, which makes them configuration; test settings hold throwaway values for throwaway services and are skipped, in env files and Compose files alike: `.env.test`, `.env.testing`, `test.env`, `.env.ci`, `.env.e2e`, `compose.test.yaml`, `docker-compose.testing.yml`, `docker-compose.override.unit_tests.yml`, `compose.ci.yaml`, `compose.cicd.yaml`, Compose files in a `.ci/` or `ci/` folder, and anything in test code as `paths.tests` defines it. Env files with other names are not linted even when a service loads them.',
      bad: `services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: hunter2
`,
      good: `services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
      POSTGRES_HOST_AUTH_METHOD: scram-sha-256
    secrets:
      - db_password
secrets:
  db_password:
    file: ./secrets/db_password.txt
`,
      peers:
        "dclint has no secret rule; Checkov and KICS look for secrets in Compose files in CI with entropy checks, and dotenv-linter checks env files' syntax but not their secrets. Plumbline uses the same name tokens as BuildKit's SecretsUsedInArgOrEnv check (and PL105 for Dockerfiles), judges values the same way as PL105 and PL307, handles both the map and the list form, and points at the value itself.",
    },
  },
  check(context) {
    // Test settings (`.env.test`, `compose.test.yaml`, files under tests/) hold throwaway values for throwaway services.
    if (isComposeTestScaffolding(context)) return;
    if (context.kind === 'env') {
      checkEnvFile(context as RuleContext<'env'>);
      return;
    }
    checkOnce(context as RuleContext<'compose'>, 'PL206', [], checkComposeFile);
  },
});
