import { nonRootUser } from '../../../../server/src/rules/docker/non-root-user';
import { testRule } from '../../../helpers/ruleTester';

const noUser = (user: string) =>
  `The final stage sets no USER, so the container runs as root; add USER ${user} (a non-root user) before CMD/ENTRYPOINT.`;
const rootUser = (written: string, user: string) =>
  `The final stage runs as root (USER ${written}); switch to an unprivileged user such as USER ${user} before CMD/ENTRYPOINT.`;

testRule(nonRootUser, {
  valid: [
    'FROM python:3.12.7-slim\nUSER app\nCMD ["python"]\n',
    { name: 'numeric uid and gid', code: 'FROM debian:12.6-slim\nUSER 65532:65532\n' },
    { name: 'only the final stage is judged', code: 'FROM golang:1.23.2 AS build\nUSER root\nRUN go build ./...\nFROM gcr.io/distroless/static-debian12:nonroot\nUSER nonroot\n' },
    { name: 'USER inherited from the parent stage', code: 'FROM python:3.12.7-slim AS base\nUSER app\nFROM base\nCMD ["python"]\n' },
    { name: 'USER from a variable with a non-root value', code: 'FROM alpine:3.20.3\nARG UID=10001\nUSER ${UID}\n' },
    { name: 'USER from a variable that is unknown at lint time', code: 'FROM alpine:3.20.3\nARG UID\nUSER $UID\n' },
    { name: 'lowercase instruction', code: 'from alpine:3.20.3\nuser app\n' },
    { name: 'empty file', code: '' },
    { name: 'only comments', code: '# nothing to build yet\n# see ADR 0003\n' },
    { name: 'no FROM at all', code: 'ARG VERSION=1\n' },
  ],
  invalid: [
    {
      name: 'no USER: reported at FROM..image, fix inserts the default uid before CMD',
      code: 'FROM python:3.12.7-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 24, message: noUser('10001') }],
      output: 'FROM python:3.12.7-slim\nCOPY . /app\nUSER 10001\nCMD ["python", "/app/main.py"]\n',
    },
    {
      name: 'reuses the user the stage creates with useradd',
      code: 'FROM python:3.12.7-slim\nRUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin appuser\nENTRYPOINT ["python"]\nCMD ["-m", "api"]\n',
      errors: [{ line: 1, column: 1, endColumn: 24, message: noUser('appuser') }],
      output: 'FROM python:3.12.7-slim\nRUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin appuser\nUSER appuser\nENTRYPOINT ["python"]\nCMD ["-m", "api"]\n',
    },
    {
      name: 'reuses an adduser user (BusyBox options with values)',
      code: 'FROM alpine:3.20.3\nRUN addgroup -S svc && adduser -S -G svc -h /srv -s /bin/false svc\nCMD ["/srv/run"]\n',
      errors: [{ line: 1, column: 1, endColumn: 19, message: noUser('svc') }],
      output: 'FROM alpine:3.20.3\nRUN addgroup -S svc && adduser -S -G svc -h /srv -s /bin/false svc\nUSER svc\nCMD ["/srv/run"]\n',
    },
    {
      name: 'a user created only in a builder stage is not reused',
      code: 'FROM debian:12.6-slim AS build\nRUN useradd builder\nFROM debian:12.6-slim\nCMD ["true"]\n',
      errors: [{ line: 3, column: 1, endColumn: 22, message: noUser('10001') }],
      output: 'FROM debian:12.6-slim AS build\nRUN useradd builder\nFROM debian:12.6-slim\nUSER 10001\nCMD ["true"]\n',
    },
    {
      name: 'the configured default user',
      code: 'FROM debian:12.6-slim\nCMD ["true"]\n',
      options: { defaultUser: 'nobody' },
      errors: [{ line: 1, column: 1, message: noUser('nobody') }],
      output: 'FROM debian:12.6-slim\nUSER nobody\nCMD ["true"]\n',
    },
    {
      name: 'no CMD/ENTRYPOINT: USER goes at the end of the stage; a file without final newline gets one before it',
      code: 'FROM scratch\nCOPY app /app',
      errors: [{ line: 1, column: 1, endColumn: 13, message: noUser('10001') }],
      output: 'FROM scratch\nCOPY app /app\nUSER 10001',
    },
    {
      name: 'USER goes after the last RUN even when CMD comes first, and above the comment introducing CMD',
      code: 'FROM debian:12.6-slim\nCMD ["early"]\nRUN useradd app\n# start the service\nCMD ["serve"]\n',
      errors: [{ line: 1, column: 1, message: noUser('app') }],
      output: 'FROM debian:12.6-slim\nCMD ["early"]\nRUN useradd app\nUSER app\n# start the service\nCMD ["serve"]\n',
    },
    {
      name: 'a final USER root with no RUN after it is changed in place',
      code: 'FROM python:3.12.7-slim\nRUN useradd app\nUSER root\nCMD ["python"]\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 10, message: rootUser('root', 'app') }],
      output: 'FROM python:3.12.7-slim\nRUN useradd app\nUSER app\nCMD ["python"]\n',
    },
    {
      name: 'USER 0',
      code: 'FROM alpine:3.20.3\nUSER 0\n',
      errors: [{ line: 2, column: 6, endColumn: 7, message: rootUser('0', '10001') }],
      output: 'FROM alpine:3.20.3\nUSER 10001\n',
    },
    {
      name: 'USER root:root',
      code: 'FROM alpine:3.20.3\nUSER root:root\n',
      errors: [{ line: 2, column: 6, endColumn: 15, message: rootUser('root:root', '10001') }],
      output: 'FROM alpine:3.20.3\nUSER 10001\n',
    },
    {
      name: 'USER 0:0 through a variable',
      code: 'FROM alpine:3.20.3\nENV RUN_AS=0:0\nUSER ${RUN_AS}\n',
      errors: [{ line: 3, column: 6, endColumn: 15, message: rootUser('0:0', '10001') }],
      output: 'FROM alpine:3.20.3\nENV RUN_AS=0:0\nUSER 10001\n',
    },
    {
      name: 'USER root followed by RUN: the new USER is inserted after the RUN',
      code: 'FROM debian:12.6-slim\nUSER app\nUSER root\nRUN apt-get update\nCMD ["run"]\n',
      errors: [{ line: 3, column: 6, endColumn: 10, message: rootUser('root', '10001') }],
      output: 'FROM debian:12.6-slim\nUSER app\nUSER root\nRUN apt-get update\nUSER 10001\nCMD ["run"]\n',
    },
    {
      name: 'root inherited from the parent stage is reported at the final FROM',
      code: 'FROM python:3.12.7-slim AS base\nUSER root\nFROM base AS final\nCMD ["python"]\n',
      errors: [{ line: 3, column: 1, endColumn: 10, message: 'The final stage inherits USER root from an earlier stage, so it runs as root; add USER 10001 (a non-root user) before CMD/ENTRYPOINT.' }],
      output: 'FROM python:3.12.7-slim AS base\nUSER root\nFROM base AS final\nUSER 10001\nCMD ["python"]\n',
    },
    {
      name: 'lowercase instructions, CRLF line breaks',
      code: 'from alpine:3.20.3\r\ncmd ["sh"]\r\n',
      errors: [{ line: 1, column: 1, endColumn: 19 }],
      output: 'from alpine:3.20.3\r\nUSER 10001\r\ncmd ["sh"]\r\n',
    },
    {
      name: 'escape directive and continuation lines keep positions',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo one `\n    two\nUSER ContainerAdministrator\nUSER root\n',
      errors: [{ line: 6, column: 6, endColumn: 10, message: rootUser('root', '10001') }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo one `\n    two\nUSER ContainerAdministrator\nUSER 10001\n',
    },
  ],
});
