import { multiStage } from '../../../../server/src/rules/docker/multi-stage';
import { testRule } from '../../../helpers/ruleTester';

const message = (listed: string) =>
  `This single-stage image keeps its build tooling (${listed}); build in a separate stage and COPY only the artefacts into a slim final stage.`;

testRule(multiStage, {
  valid: [
    {
      name: 'a test image or a development container is not a production image',
      filename: 'tests/e2e/Dockerfile',
      code: 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3\nCMD ["pytest"]\n',
    },
    'FROM python:3.12.7-slim\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "-m", "api"]\n',
    {
      name: 'toolchains in a build stage of a multi-stage file',
      code: 'FROM golang:1.23.2 AS build\nRUN apt-get install -y gcc && go build -o /app ./cmd/app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
    },
    { name: 'npm without dev dependencies', code: 'FROM node:20.18.0-slim\nRUN npm ci --omit=dev\nRUN npm install --production\n' },
    { name: 'NODE_ENV=production leaves dev dependencies out', code: 'FROM node:20.18.0-slim\nENV NODE_ENV=production\nRUN npm ci && yarn install\n' },
    {
      name: 'installed, used and removed in one RUN',
      code: 'FROM python:3.12.7-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install --no-cache-dir -r requirements.txt \\\n && apk del .build-deps\n',
    },
    { name: 'runtime libraries are fine', code: 'FROM debian:12.6-slim\nRUN apt-get install -y libpq5 ca-certificates\n' },
    { name: 'setuptools and wheel upgrades are not build tooling', code: 'FROM python:3.12.7-slim\nRUN pip install --upgrade pip setuptools wheel\n' },
    { name: 'poetry without dev group', code: 'FROM python:3.12.7-slim\nRUN poetry install --without dev\n' },
    { name: 'empty file', code: '' },
    { name: 'only comments', code: '# TODO\n' },
  ],
  invalid: [
    {
      name: 'compilers and headers: one diagnostic per RUN at the first one',
      code: 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 66, endLine: 2, endColumn: 81, message: message('build-essential, libpq-dev'), severity: 'info' }],
    },
    {
      name: 'npm ci with dev dependencies',
      code: 'FROM node:20.18.0-slim\nCOPY package*.json ./\nRUN npm ci\nCMD ["node", "server.js"]\n',
      errors: [{ line: 3, column: 5, endColumn: 8, message: message('npm ci without --omit=dev') }],
    },
    {
      name: 'go build, cargo build, mvn',
      code: 'FROM golang:1.23.2\nRUN go build -o /app .\nRUN cargo build --release\nRUN ./mvnw -B package\n',
      errors: [
        { line: 2, column: 5, endColumn: 7, message: message('go build') },
        { line: 3, column: 5, endColumn: 10, message: message('cargo build') },
        { line: 4, column: 5, endColumn: 11, message: message('mvn') },
      ],
    },
    {
      name: 'pip build tools, dev extras and dev requirement files',
      code: 'FROM python:3.12.7-slim\nRUN pip install build cython ".[dev]" -r requirements-dev.txt\n',
      errors: [{ line: 2, column: 17, endColumn: 22, message: message('pip install build, pip install cython, pip install .[dev] and 1 more') }],
    },
    {
      name: 'apk build-base with continuation and lowercase',
      code: 'from alpine:3.20.3\nrun apk add --no-cache \\\n    build-base \\\n    linux-headers\n',
      errors: [{ line: 3, column: 5, endColumn: 15, message: message('build-base, linux-headers') }],
    },
  ],
});
