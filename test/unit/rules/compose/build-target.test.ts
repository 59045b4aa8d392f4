import { composeBuildTarget } from '../../../../server/src/rules/compose/build-target';
import { testRule } from '../../../helpers/ruleTester';

const dockerfile = 'FROM python:3.12.7-slim AS builder\nRUN pip wheel .\nFROM python:3.12.7-slim AS Runtime\nCMD ["python"]\n';

testRule(composeBuildTarget, {
  valid: [
    {
      name: "an override's target names a stage of the Dockerfile its base file builds, not of the root Dockerfile",
      filename: 'compose.override.yaml',
      code: 'services:\n  api:\n    build:\n      target: builder\n',
      files: {
        'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api/Dockerfile\n      target: runtime\n',
        'docker/api/Dockerfile': dockerfile,
        Dockerfile: 'FROM nginx:1.27.2 AS web\n',
      },
    },
    {
      code: 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api/Dockerfile\n      target: runtime\n',
      files: { 'docker/api/Dockerfile': dockerfile },
    },
    { name: 'Dockerfile outside the workspace is not judged', code: 'services:\n  api:\n    build:\n      context: ../elsewhere\n      target: prod\n' },
    {
      name: 'target known only at run time',
      code: 'services:\n  api:\n    build:\n      context: .\n      target: ${TARGET}\n',
      files: { Dockerfile: dockerfile },
    },
  ],
  invalid: [
    {
      name: 'unknown stage lists the stages there are',
      code: 'services:\n  api:\n    build:\n      context: ./services/api\n      target: prod\n',
      files: { 'services/api/Dockerfile': dockerfile },
      errors: [
        {
          line: 5,
          column: 15,
          endColumn: 19,
          message: 'Stage "prod" is not defined in services/api/Dockerfile (its stages are builder, runtime); set build.target to one of them.',
        },
      ],
    },
    {
      name: "an overlay's target that the base file's Dockerfile lacks, reported in the overlay",
      filename: 'compose.prod.yaml',
      code: 'services:\n  api:\n    build:\n      target: release\n',
      files: { 'compose.yaml': 'services:\n  api:\n    build: ./services/api\n', 'services/api/Dockerfile': dockerfile },
      errors: [
        {
          line: 4,
          column: 15,
          message: 'Stage "release" is not defined in services/api/Dockerfile (its stages are builder, runtime); set build.target to one of them.',
        },
      ],
    },
    {
      name: 'Dockerfile without named stages',
      code: 'services:\n  api:\n    build:\n      context: .\n      dockerfile: Containerfile\n      target: ${TARGET:-dev}\n',
      files: { Containerfile: 'FROM alpine:3.20\n' },
      errors: [{ line: 6, column: 15, message: 'Stage "dev" is not defined in Containerfile (it has no named stages); set build.target to one of them.' }],
    },
  ],
});
