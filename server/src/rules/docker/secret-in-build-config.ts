import type { Arg, Env } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import { judgeSecret, looksLikeSecretVariable, nameWords, namesSomethingAboutSecret } from '../support/secrets';
import { composeBuildsOf, shippedStages } from './support/composeBuilds';

export const secretInBuildConfig = defineRule({
  meta: {
    code: 'PL105',
    name: 'docker/secret-in-build-config',
    summary: 'ENV or ARG whose name looks like a secret, unless its value is plainly not one.',
    severity: 'error',
    policy: 'Secrets never enter images.',
    fixable: 'no',
    kinds: ['dockerfile'],
    docs: {
      language: 'dockerfile',
      rationale:
        'ENV values are baked into the image config and every layer after them; ARG values are recorded in the image history (`docker history`) and in build provenance. Anyone who can pull the image can read them. BuildKit secret mounts expose a secret to one RUN step as a file under /run/secrets/ and leave no trace in the image. ' +
        "An ARG without a default and an ENV set from a build argument (`ENV NPM_TOKEN=${NPM_TOKEN}`) are reported: whatever is passed at build time ends up in the image. A literal value that is plainly no credential is not: an empty value, a file path (`/run/secrets/db_password`), a URL without a password in it, an authentication mechanism or switch (`scram-sha-256`, `trust`, `none`, `false`), or any value of a name whose last word describes the secret (`AUTH_METHOD`, `TOKEN_URL`, `SECRET_NAME`, `ACCESS_KEY_ID`), judged as PL206 and PL307 judge values. An ENV in a stage no built image contains (a builder stage, as PL109 decides it) is not reported: its value stays in that stage; an ARG is, in any stage, since build arguments are recorded in the build's provenance.",
      bad: `FROM python:3.12.7-slim
ARG PIP_INDEX_TOKEN
RUN pip install --index-url https://__token__:\${PIP_INDEX_TOKEN}@pypi.example.com/simple -r requirements.txt
`,
      good: `FROM python:3.12.7-slim
RUN --mount=type=secret,id=pip_index_token \\
    pip install --index-url "https://__token__:$(cat /run/secrets/pip_index_token)@pypi.example.com/simple" -r requirements.txt
`,
      peers:
        "Follows BuildKit's SecretsUsedInArgOrEnv check: the same secret words (password, passwd, pword, secret, token, apikey, auth, credential(s), key; Plumbline adds pw) matched as whole words of the name, and the same exemptions (names containing public, file or version). BuildKit shows it as a build-time warning; PL105 reports it while you type, at error severity (a leaked secret cannot be taken back), at the variable's name, also splits camelCase names (`apiKey`), and skips literal values that are no credential, which BuildKit reports by name alone. hadolint's DL3064 is the other peer the policy names.",
    },
  },
  check(context) {
    const model = context.parsed;
    const shipped = shippedStages(model, composeBuildsOf(context.index, context.document.path));
    // An ENV lives in its stage's config: a builder stage's is in no image. A build argument is recorded whatever the stage.
    const unshippedEnvs = new Set(
      model.stages.filter((stage) => !shipped.has(stage)).flatMap((stage) => stage.instructions.filter((i) => i.getKeyword() === 'ENV')),
    );
    for (const instruction of model.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'ENV' && keyword !== 'ARG') || unshippedEnvs.has(instruction)) continue;
      for (const property of (instruction as Env | Arg).getProperties()) {
        const name = property.getName();
        if (!looksLikeSecretVariable(name)) continue;
        // A reference still bakes the build argument's value in; only a literal that is no credential is safe.
        const value = property.getUnescapedValue();
        // Without a value, only the name can say it holds no secret (`ARG AUTH_REGISTRATION_ENABLED`).
        if (value === null ? namesSomethingAboutSecret(name) : judgeSecret(name, value.replace(/^(["'])(.*)\1$/s, '$2')) === 'not-a-secret') continue;
        const id = nameWords(name).join('_');
        context.report({
          message: `${keyword} "${name}" looks like a secret, and ${keyword} values stay readable in the image's ${keyword === 'ENV' ? 'config' : 'history'}; use RUN --mount=type=secret,id=${id} and read /run/secrets/${id} instead.`,
          range: property.getNameRange(),
        });
      }
    }
  },
});
