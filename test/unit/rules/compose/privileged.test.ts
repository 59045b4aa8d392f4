import { composePrivileged } from '../../../../server/src/rules/compose/privileged';
import { testRule } from '../../../helpers/ruleTester';

testRule(composePrivileged, {
  valid: [
    {
      name: "a CI job's test stack on the runner's network",
      filename: 'docker/compose/docker-compose.ci-test.yml',
      code: 'services:\n  broker:\n    image: redis:7.4.1\n    network_mode: host\n',
    },
    {
      name: 'an end-to-end stack under tests/',
      filename: 'tests/e2e/docker/docker-compose.yml',
      code: 'services:\n  app:\n    build: ../../..\n    network_mode: host\n',
    },
    'services:\n  agent:\n    image: agent:1.0.3\n    privileged: false\n    cap_add: [NET_ADMIN]\n    network_mode: bridge\n    volumes:\n      - ./data:/data\n      - type: bind\n        source: ./config\n        target: /config\n',
    { name: 'privileged only at run time', code: 'services:\n  agent:\n    image: agent:1.0.3\n    privileged: ${AGENT_PRIVILEGED}\n' },
  ],
  invalid: [
    {
      name: 'all four, at the offending values',
      code: 'services:\n  agent:\n    image: agent:1.0.3\n    privileged: true\n    network_mode: host\n    cap_add:\n      - NET_ADMIN\n      - ALL\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n',
      errors: [
        {
          line: 4,
          column: 17,
          endColumn: 21,
          message:
            'Service "agent" runs privileged: it gets every capability and all host devices. Remove privileged: true and grant only the capabilities it needs with cap_add.',
        },
        {
          line: 5,
          column: 19,
          endColumn: 23,
          message:
            'Service "agent" shares the host\'s network (network_mode: host), which removes network isolation. Use a Compose network and publish ports instead.',
        },
        {
          line: 8,
          column: 9,
          endColumn: 12,
          message: 'Service "agent" adds every Linux capability (cap_add: ALL). List only the capabilities it needs, such as NET_BIND_SERVICE.',
        },
        {
          line: 10,
          column: 9,
          message: 'Service "agent" mounts the Docker socket, which gives it root on the host. Remove the mount or put a read-only socket proxy in between.',
        },
        { line: 11, column: 9, message: /mounts the Docker socket/ },
      ],
    },
    {
      name: 'privileged from a merge key and an interpolation default',
      code: 'x-base: &base\n  privileged: ${PRIV:-true}\nservices:\n  agent:\n    <<: *base\n    image: agent:1.0.3\n',
      errors: [{ line: 2, column: 15, message: /runs privileged/ }],
    },
  ],
});
