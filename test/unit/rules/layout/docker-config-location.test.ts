import { dockerConfigLocation } from '../../../../server/src/rules/layout/docker-config-location';
import { testRule } from '../../../helpers/ruleTester';

testRule(dockerConfigLocation, {
  valid: [
    { code: 'services:\n  api:\n    image: api:1.0.0\n', filename: 'docker/compose.yaml' },
    { code: 'FROM alpine:3.20\n', filename: 'docker/api/Dockerfile' },
  ],
  invalid: [
    {
      code: 'services:\n  api:\n    image: api:1.0.0\n',
      filename: 'services/api/compose.yaml',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 10,
          message: 'This Compose file is outside the docker root docker/; move it under docker/ (for example docker/compose.yaml).',
        },
      ],
    },
    {
      code: 'FROM alpine:3.20\n',
      filename: 'Dockerfile',
      errors: [{ line: 1, column: 1, message: 'This Dockerfile is outside the docker root docker/; move it under docker/ (for example docker/Dockerfile).' }],
    },
  ],
});
