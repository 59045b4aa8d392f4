import { composeResourceLimits } from '../../../../server/src/rules/compose/resource-limits';
import { testRule } from '../../../helpers/ruleTester';

testRule(composeResourceLimits, {
  valid: [
    'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      resources:\n        limits:\n          cpus: "1"\n          memory: 1G\n',
    { name: 'older syntax', code: 'services:\n  api:\n    image: api:1.0.0\n    mem_limit: 1g\n    cpus: 0.5\n' },
    { name: 'limits from a merge key', code: 'x-limits: &limits\n  deploy:\n    resources:\n      limits: { cpus: "0.5", memory: 256M }\nservices:\n  api:\n    <<: *limits\n    image: api:1.0.0\n' },
    { name: 'extends a service of another file: not judged', code: 'services:\n  api:\n    extends:\n      file: base.yaml\n      service: api\n' },
  ],
  invalid: [
    {
      name: 'no limits: the whole deploy block is added',
      code: 'services:\n  api:\n    image: api:1.0.0\n    # listens on 8080\n    restart: always\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service "api" has no memory or CPU limit; set deploy.resources.limits.memory and deploy.resources.limits.cpus so one service cannot starve the host.' }],
      output: 'services:\n  api:\n    image: api:1.0.0\n    # listens on 8080\n    restart: always\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.50"\n',
    },
    {
      name: 'deploy exists: only the missing levels are added',
      code: 'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 1G\n',
      options: { cpus: '2' },
      errors: [{ line: 2, column: 3, message: 'Service "api" has no CPU limit; set deploy.resources.limits.cpus so one service cannot starve the host.' }],
      output: 'services:\n  api:\n    image: api:1.0.0\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 1G\n          cpus: "2"\n',
    },
    {
      name: 'older syntax gets the older key',
      code: "services:\n  api:\n    image: 'api:1.0.0'\n    mem_limit: 1g\n",
      errors: [{ line: 2, column: 3, message: /has no CPU limit/ }],
      output: "services:\n  api:\n    image: 'api:1.0.0'\n    mem_limit: 1g\n    cpus: '0.50'\n",
    },
    {
      name: 'a byte-order mark does not change the detected indentation; CRLF line breaks are kept',
      code: '\ufeffservices:\r\n    api:\r\n        image: api:1.0.0\r\n',
      errors: [{ line: 2, column: 5, message: /no memory or CPU limit/ }],
      output: '\ufeffservices:\r\n    api:\r\n        image: api:1.0.0\r\n        deploy:\r\n            resources:\r\n                limits:\r\n                    memory: 512M\r\n                    cpus: "0.50"\r\n',
    },
    {
      name: 'a block scalar as the last value: the limits go after it',
      code: 'services:\n  job:\n    image: job:1.0.0\n    command: |\n      run --all\n  other:\n    image: x:1.0.0\n    mem_limit: 1g\n    cpus: 1\n',
      errors: [{ line: 2, column: 3, message: /no memory or CPU limit/ }],
      output: 'services:\n  job:\n    image: job:1.0.0\n    command: |\n      run --all\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "0.50"\n  other:\n    image: x:1.0.0\n    mem_limit: 1g\n    cpus: 1\n',
    },
    {
      name: 'deploy from a merge key is not overwritten by the fix',
      code: 'x-deploy: &deploy\n  deploy:\n    replicas: 2\nservices:\n  api:\n    <<: *deploy\n    image: api:1.0.0\n',
      errors: [{ line: 5, column: 3, message: /no memory or CPU limit/ }],
      output: null,
    },
  ],
});
