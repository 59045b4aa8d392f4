import { healthcheck } from '../../../../server/src/rules/docker/healthcheck';
import { testRule } from '../../../helpers/ruleTester';

const MESSAGE = 'The final stage has no HEALTHCHECK, so a hung service still counts as running; add HEALTHCHECK CMD <probe> (or HEALTHCHECK NONE to opt out).';
const TIMING = '--interval=30s --timeout=5s --start-period=15s --retries=3';
const NO_PROBE_MESSAGE =
  'The final stage has no HEALTHCHECK, so a hung service still counts as running; add HEALTHCHECK CMD <probe> using a tool the image has (its own binary; this Dockerfile installs no curl), or HEALTHCHECK NONE to opt out.';
const pythonProbe = (port: number) => `["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${port}/', timeout=4)"]`;

testRule(healthcheck, {
  valid: [
    'FROM nginx:1.27.3\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
    { name: 'HEALTHCHECK NONE is an explicit opt-out', code: 'FROM python:3.12.7-slim\nHEALTHCHECK NONE\nCMD ["python", "job.py"]\n' },
    {
      name: 'only the final stage is judged',
      code: 'FROM golang:1.23.2 AS build\nRUN go build\nFROM alpine:3.20.3\nHEALTHCHECK --interval=10s CMD ["/app", "health"]\n',
    },
    { name: 'inherited from the parent stage', code: 'FROM python:3.12.7-slim AS base\nHEALTHCHECK CMD ["python", "-c", "0"]\nFROM base\n' },
    { name: 'lowercase, with continuation', code: 'from alpine:3.20.3\nhealthcheck --interval=5s \\\n  CMD wget -qO- http://127.0.0.1:8080/ || exit 1\n' },
    {
      name: 'the image a CI job runs the tests in is test code, not a service',
      filename: 'billing/tests/Dockerfile',
      code: 'FROM node:20.18.0-slim\nCOPY . /suite\nCMD ["/suite/run-checks.sh"]\n',
    },
    { name: 'empty file', code: '' },
    { name: 'only comments', code: '# placeholder\n' },
  ],
  invalid: [
    {
      name: 'Python base: the probe uses the interpreter and the EXPOSEd port, before CMD',
      code: 'FROM python:3.12.7-slim\nEXPOSE 8000\nCMD ["python", "-m", "api"]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 24, message: MESSAGE }],
      output: `FROM python:3.12.7-slim\nEXPOSE 8000\nHEALTHCHECK ${TIMING} CMD ${pythonProbe(8000)}\nCMD ["python", "-m", "api"]\n`,
    },
    {
      name: 'a test image is still judged with checkTests',
      filename: 'billing/tests/Dockerfile',
      code: 'FROM python:3.12.7-slim\nEXPOSE 8000\nCMD ["python", "-m", "stub_api"]\n',
      options: { checkTests: true },
      errors: [{ line: 1, column: 1, endColumn: 24, message: MESSAGE }],
      output: `FROM python:3.12.7-slim\nEXPOSE 8000\nHEALTHCHECK ${TIMING} CMD ${pythonProbe(8000)}\nCMD ["python", "-m", "stub_api"]\n`,
    },
    {
      name: 'Node base, port from a variable, protocol suffix',
      code: 'FROM node:20.18.0-slim\nARG PORT=3000\nEXPOSE ${PORT}/tcp 9229\nENTRYPOINT ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1, endColumn: 23 }],
      output:
        'FROM node:20.18.0-slim\nARG PORT=3000\nEXPOSE ${PORT}/tcp 9229\n' +
        `HEALTHCHECK ${TIMING} CMD ["node", "-e", "require('http').get('http://127.0.0.1:3000/', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"]\n` +
        'ENTRYPOINT ["node", "server.js"]\n',
    },
    {
      name: 'other bases use curl only when a RUN installs it',
      code: 'FROM debian:12.6-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\nEXPOSE 80\nCMD ["serve"]\n',
      errors: [{ line: 1, column: 1, endColumn: 22, message: MESSAGE }],
      suggestions: [[{ title: 'Add a HEALTHCHECK on port 80', applicability: 'unsafe' }]],
      output:
        'FROM debian:12.6-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\nEXPOSE 80\n' +
        `HEALTHCHECK ${TIMING} CMD curl -fsS http://127.0.0.1:80/ > /dev/null || exit 1\nCMD ["serve"]\n`,
    },
    {
      name: 'an nginx image without curl installed here: no guessed probe, HEALTHCHECK NONE offered but never applied in bulk',
      code: 'FROM nginx:1.27.3-alpine\nEXPOSE 80\nCMD ["nginx", "-g", "daemon off;"]\n',
      errors: [{ line: 1, column: 1, endColumn: 25, message: NO_PROBE_MESSAGE }],
      suggestions: [
        [
          {
            title: 'Opt out with HEALTHCHECK NONE',
            applicability: 'unsafe',
            output: 'FROM nginx:1.27.3-alpine\nEXPOSE 80\nHEALTHCHECK NONE\nCMD ["nginx", "-g", "daemon off;"]\n',
          },
        ],
      ],
      output: null,
    },
    {
      name: 'a stage ending in an unterminated heredoc gets no line appended into the heredoc',
      code: 'FROM debian:12.6-slim\nEXPOSE 80\nRUN <<EOF\napt-get update\n',
      errors: [{ line: 1, column: 1, message: NO_PROBE_MESSAGE }],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'multi-stage: reported on the final FROM; the port EXPOSEd in the parent stage is used',
      code: 'FROM python:3.12.7-slim AS base\nEXPOSE 8080\nFROM base AS runtime\nCMD ["python"]\n',
      errors: [{ line: 3, column: 1, endColumn: 10 }],
      output: `FROM python:3.12.7-slim AS base\nEXPOSE 8080\nFROM base AS runtime\nHEALTHCHECK ${TIMING} CMD ${pythonProbe(8080)}\nCMD ["python"]\n`,
    },
    {
      name: 'the configured command',
      code: 'FROM alpine:3.20.3\nEXPOSE 9000\n',
      options: { command: 'wget -qO- http://127.0.0.1:{port}/healthz || exit 1' },
      errors: [{ line: 1, column: 1, endColumn: 19 }],
      output: `FROM alpine:3.20.3\nEXPOSE 9000\nHEALTHCHECK ${TIMING} CMD wget -qO- http://127.0.0.1:9000/healthz || exit 1\n`,
    },
    {
      name: 'without EXPOSE the fix guesses 8080 and is only a suggestion, not an auto-fix',
      code: 'FROM python:3.12.7-slim\nCMD ["python", "worker.py"]\n',
      errors: [{ line: 1, column: 1, endColumn: 24, message: MESSAGE }],
      suggestions: [
        [
          {
            title: 'Add a HEALTHCHECK on port 8080 (no EXPOSE: check the port)',
            applicability: 'suggestion',
            output: `FROM python:3.12.7-slim\nHEALTHCHECK ${TIMING} CMD ${pythonProbe(8080)}\nCMD ["python", "worker.py"]\n`,
          },
        ],
      ],
      output: null,
    },
    {
      name: 'distroless bases have no curl: only the opt-out is offered',
      code: 'FROM golang:1.23.2 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nEXPOSE 8080\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 3, column: 1, endColumn: 47, message: NO_PROBE_MESSAGE }],
      suggestions: [
        [
          {
            title: 'Opt out with HEALTHCHECK NONE',
            output: `FROM golang:1.23.2 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nEXPOSE 8080\nHEALTHCHECK NONE\nENTRYPOINT ["/app"]\n`,
          },
        ],
      ],
      output: null,
    },
    {
      name: 'scratch, with a configured command the fix is preferred again',
      code: 'FROM scratch\nCOPY app /app\nEXPOSE 9000\nENTRYPOINT ["/app"]\n',
      options: { command: '["/app", "healthcheck", "--port", "{port}"]' },
      errors: [{ line: 1, column: 1, endColumn: 13 }],
      output: `FROM scratch\nCOPY app /app\nEXPOSE 9000\nHEALTHCHECK ${TIMING} CMD ["/app", "healthcheck", "--port", "9000"]\nENTRYPOINT ["/app"]\n`,
    },
    {
      name: 'with EXPOSE the fix is preferred',
      code: 'FROM python:3.12.7-slim\nEXPOSE 8000\n',
      errors: [{ line: 1, column: 1 }],
      suggestions: [[{ title: 'Add a HEALTHCHECK on port 8000', applicability: 'unsafe' }]],
      output: `FROM python:3.12.7-slim\nEXPOSE 8000\nHEALTHCHECK ${TIMING} CMD ${pythonProbe(8000)}\n`,
    },
    {
      name: 'a HEALTHCHECK only in a builder stage does not count',
      code: 'FROM alpine:3.20.3 AS build\nHEALTHCHECK NONE\nFROM alpine:3.20.3\nRUN apk add --no-cache curl\nEXPOSE 8443\nCMD ["/srv"]',
      errors: [{ line: 3, column: 1, endColumn: 19 }],
      output: `FROM alpine:3.20.3 AS build\nHEALTHCHECK NONE\nFROM alpine:3.20.3\nRUN apk add --no-cache curl\nEXPOSE 8443\nHEALTHCHECK ${TIMING} CMD curl -fsS http://127.0.0.1:8443/ > /dev/null || exit 1\nCMD ["/srv"]`,
    },
  ],
});
