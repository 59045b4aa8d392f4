import { composeSchema } from '../../../../server/src/rules/compose/schema';
import { testRule } from '../../../helpers/ruleTester';

const aliasBomb = [
  'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  'x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'services:',
  '  web:',
  '    image: nginx:1.27.2',
  '',
].join('\n');

/** Ten levels of ten aliases: 10^10 values once expanded, a few hundred bytes of text. */
const billionLaughs = [
  'x-l0: &l0 "lol"',
  ...Array.from({ length: 10 }, (_, i) => `x-l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`),
  'services: {}',
  '',
].join('\n');

/**
 * Shaped like a large self-hosted stack: shared defaults merged into many
 * services, each default itself built from aliases (restart policy,
 * depends_on conditions, healthcheck timings). Hundreds of aliases, a few
 * thousand values once expanded: valid, though the YAML library's alias
 * count (uses × nested uses) passes 1000 on it.
 */
const anchorsHeavy = [
  'x-restart: &restart',
  '  restart: unless-stopped',
  'x-healthy: &healthy',
  '  condition: service_healthy',
  'x-started: &started',
  '  condition: service_started',
  'x-timings: &timings',
  '  interval: "$HEALTHCHECK_INTERVAL"',
  '  timeout: "$HEALTHCHECK_TIMEOUT"',
  '  retries: $HEALTHCHECK_RETRIES',
  'x-file-probe: &file-probe',
  '  <<: *timings',
  '  test: ["CMD", "python3", "-c", "import os; os.remove(\'/tmp/alive\')"]',
  'x-consumer: &consumer',
  '  <<: *restart',
  '  image: "$CONSUMER_IMAGE"',
  '  user: "10001"',
  '  depends_on:',
  '    broker:',
  '      <<: *healthy',
  '    cache:',
  '      <<: *healthy',
  '    store:',
  '      <<: *started',
  '    mailer:',
  '      <<: *started',
  '    search:',
  '      <<: *started',
  '    symbols:',
  '      <<: *started',
  '  environment:',
  '    BROKERS: "broker:9092"',
  '    CA_BUNDLE: &bundle "/etc/ssl/certs/ca-certificates.crt"',
  '    REQUESTS_CA_BUNDLE: *bundle',
  '    GRPC_ROOTS: *bundle',
  '  healthcheck:',
  '    <<: *file-probe',
  'services:',
  ...Array.from({ length: 16 }, (_, i) => [`  infra-${i}:`, '    <<: *restart', `    image: infra-${i}:1.0.0`]).flat(),
  ...Array.from({ length: 80 }, (_, i) => [`  consumer-${i}:`, '    <<: *consumer', `    command: ["consume", "topic-${i}"]`]).flat(),
  '',
].join('\n');

testRule(composeSchema, {
  valid: [
    { name: 'hundreds of aliases that expand to a few thousand values are valid', code: anchorsHeavy },
    { name: 'empty file', code: '' },
    {
      name: "an override file's !reset removes what an earlier file set, and !override replaces it",
      filename: 'compose.override.yaml',
      code: 'services:\n  nginx: !reset null\n  worker: !reset\n  api:\n    ports: !override\n      - "8080:80"\n    environment: !reset {}\n',
    },
    { name: 'only comments', code: '# nothing here yet\n# services will follow\n' },
    {
      name: 'merge keys and extension fields resolve before validation',
      code: 'x-defaults: &defaults\n  restart: unless-stopped\n  logging:\n    driver: json-file\nservices:\n  api:\n    <<: *defaults\n    image: api:1.0.0\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 1m30s\n',
    },
    {
      name: 'interpolated values are not judged',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports: ${API_PORTS}\n    stop_grace_period: ${GRACE:-10s}\n',
    },
    {
      name: 'long port syntax and ranges',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n        protocol: tcp\n      - "9000-9010:9000-9010/udp"\n',
    },
  ],
  invalid: [
    {
      name: 'a !reset elsewhere in the file does not hide a wrong value',
      filename: 'compose.override.yaml',
      code: 'services:\n  nginx: !reset null\n  api:\n    ports: 8080\n',
      errors: [{ line: 4, column: 12, message: 'services.api.ports must be a list, not a number.' }],
    },
    {
      name: 'unknown key, at the key',
      code: 'services:\n  api:\n    image: api:1.0.0\n    healtcheck:\n      test: ["CMD", "true"]\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 15, message: 'Unknown key "healtcheck" in services.api: did you mean "healthcheck"?' }],
    },
    {
      name: 'unknown top-level key',
      code: 'servics:\n  api:\n    image: api:1.0.0\n',
      errors: [{ line: 1, column: 1, endColumn: 8, message: 'Unknown key "servics" at the top level: did you mean "services"?' }],
    },
    {
      name: 'an unknown key with no near spelling',
      code: 'services:\n  api:\n    image: api:1.0.0\n    owner: team-a\n',
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 10,
          message: 'Unknown key "owner" in services.api: the Compose Specification does not define it (custom keys must start with "x-").',
        },
      ],
    },
    {
      name: 'wrong type at the value; oneOf branches merged',
      code: 'services:\n  api:\n    image: api:1.0.0\n    ports: 8080\n    build:\n      contxt: .\n',
      errors: [
        { line: 4, column: 12, endColumn: 16, message: 'services.api.ports must be a list, not a number.' },
        { line: 6, column: 7, endColumn: 13, message: 'Unknown key "contxt" in services.api.build: did you mean "context"?' },
      ],
    },
    {
      name: 'bad durations',
      code: 'services:\n  api:\n    image: api:1.0.0\n    stop_grace_period: 10 seconds\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 10\n',
      errors: [
        {
          line: 4,
          column: 24,
          endColumn: 34,
          message: 'services.api.stop_grace_period is not a duration: write it as a number with a unit, such as 30s, 1m30s or 500ms.',
        },
        { line: 7, column: 17, endColumn: 19, message: 'services.api.healthcheck.interval must be a string, not a number.' },
      ],
    },
    {
      name: 'duplicate list items point at the repeat',
      code: 'services:\n  api:\n    image: api:1.0.0\n    environment:\n      - LOG_LEVEL=info\n      - LOG_LEVEL=info\n',
      errors: [{ line: 6, column: 9, message: 'services.api.environment lists the same item twice (items 1 and 2); remove one.' }],
    },
    {
      name: 'YAML syntax errors, each at its position',
      code: 'services:\n  api:\n    image: [api\n  db: {\n',
      errors: [
        { line: 4, column: 3, message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].' },
        { line: 5, column: 1, message: 'YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }.' },
      ],
    },
    {
      name: 'tabs',
      code: 'services:\n\tapi:\n\t\timage: api:1.0.0\n',
      errors: [
        { line: 2, column: 1, message: 'YAML syntax error: Tabs are not allowed as indentation.' },
        { line: 3, column: 1, message: 'YAML syntax error: Tabs are not allowed as indentation.' },
      ],
    },
    {
      name: 'duplicate keys',
      code: 'services:\n  api:\n    image: api:1.0.0\n    image: api:1.0.1\n',
      errors: [{ line: 4, column: 5, message: 'YAML syntax error: Map keys must be unique.' }],
    },
    {
      name: 'not a mapping',
      code: '- api\n- db\n',
      errors: [{ line: 1, column: 1, message: 'A Compose file must be a mapping with top-level keys such as services, networks and volumes.' }],
    },
    {
      name: 'multi-document YAML',
      code: 'services:\n  api:\n    image: api:1.0.0\n---\nservices:\n  db:\n    image: postgres:16.4\n',
      errors: [{ line: 5, column: 1, message: 'A Compose file holds one YAML document; Compose ignores this one. Move it into its own file.' }],
    },
    {
      name: 'alias bomb is capped with a clear diagnostic',
      code: aliasBomb,
      errors: [
        {
          line: 2,
          column: 10,
          message:
            'This file cannot be read as Compose: expanding its aliases yields more than 200,000 values (an "alias bomb"). Reduce the nesting of anchors and aliases.',
        },
      ],
    },
    {
      name: 'a billion laughs is stopped without being expanded',
      code: billionLaughs,
      errors: [{ line: 2, column: 12, message: /^This file cannot be read as Compose: expanding its aliases yields more than 200,000 values/ }],
    },
  ],
});
