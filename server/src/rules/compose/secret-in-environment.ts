import { isMap, isScalar, isSeq } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { mapEntries, nodeRange, resolveNode, scalarText } from '../../languages/compose';
import { looksSecret } from '../docker/secret-in-build-config';
import { hasInterpolation } from './interpolation';
import { reportOncePerRange } from './reportOnce';
import { checkOnce } from './memo';

function isLiteral(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '' && !hasInterpolation(value);
}

export const composeSecretInEnvironment = defineRule({
  meta: {
    code: 'PL206',
    name: 'compose/secret-in-environment',
    summary: 'A literal value for a secret-looking variable in `environment:` (map or list form).',
    severity: 'error',
    policy: 'Secrets never live in version control.',
    fixable: 'no',
    kinds: ['compose'],
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        'A password written into a Compose file is in every clone, every fork and every CI log of the repository, forever. Secret-looking variables (BuildKit\'s tokens: password, passwd, pword, secret, token, apikey, auth, credential(s), key; names with public, file or version are skipped) must come from Compose `secrets:` or from interpolation of an untracked `.env` file. An empty value (`- DB_PASSWORD`, passed through from the shell) and any `${…}` interpolation are fine.',
      bad: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
      good: 'services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
      peers:
        'dclint has no secret rule; Checkov and KICS look for secrets in Compose files in CI with entropy checks. Plumbline uses the same name tokens as BuildKit\'s SecretsUsedInArgOrEnv check (and PL105 for Dockerfiles), handles both the map and the list form, and points at the value itself.',
    },
  },
  check(context) {
    checkOnce(context, 'PL206', [], (context) => {
      const model = context.parsed;
      const reportOnce = reportOncePerRange(context);
      const report = (service: string, name: string, range: Range) =>
        reportOnce({
          message: `${name} of service "${service}" is set to a literal secret in environment:; use Compose secrets: (or \${${name}} from an untracked .env file) so it stays out of version control.`,
          range,
        });
      for (const service of model.services) {
        const environment = resolveNode(service.entries.get('environment')?.value, model.yaml);
        if (isMap(environment)) {
          for (const [name, entry] of mapEntries(environment, model.yaml)) {
            if (looksSecret(name) && isLiteral(scalarText(entry.value, model.yaml))) {
              report(service.name, name, nodeRange(context.document, entry.value));
            }
          }
        } else if (isSeq(environment)) {
          for (const raw of environment.items) {
            const item = resolveNode(raw, model.yaml);
            const text = scalarText(item, model.yaml);
            const equals = text?.indexOf('=') ?? -1;
            if (!isScalar(item) || !item.range || text === undefined || equals < 0) continue;
            const name = text.slice(0, equals).trim();
            if (!looksSecret(name) || !isLiteral(text.slice(equals + 1))) continue;
            // Point at the value after `=` in the source (inside the quotes, when quoted).
            const source = context.document.text.slice(item.range[0], item.range[1]);
            const quote = source.startsWith('"') || source.startsWith("'") ? 1 : 0;
            const start = item.range[0] + source.indexOf('=') + 1;
            report(service.name, name, context.document.rangeOf(start, Math.max(start, item.range[1] - quote)));
          }
        }
      }
    });
  },
});
