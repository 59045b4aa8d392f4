import { nonRootUser } from '../../../../server/src/rules/docker/non-root-user';
import { testRule } from '../../../helpers/ruleTester';

const noUser = (user: string) => `The final stage sets no USER, so the container runs as root; add USER ${user} (a non-root user) before CMD/ENTRYPOINT.`;
const restore = (written: string, user: string) =>
  `The final stage runs as root (USER ${written}) after the build steps that needed it; switch back to USER ${user} before CMD/ENTRYPOINT.`;
const deliberateRoot = (written: string) =>
  `The final stage runs as root (USER ${written}), as this Dockerfile asks; if only build steps need root, add USER <non-root user> after them, otherwise suppress this line with the reason.`;
const ownUserImage = (image: string, reason: string) =>
  `The final stage sets no USER; its base image ${image} manages its own user (${reason}), so a USER here would break its startup: use its non-root variant or its documented rootless setup.`;

testRule(nonRootUser, {
  valid: [
    'FROM python:3.12.7-slim\nUSER app\nCMD ["python"]\n',
    {
      name: 'images whose own USER is non-root: the stage inherits it',
      code: 'FROM bitnami/redis:7.4.1\nCOPY redis.conf /opt/bitnami/redis/etc/\n',
    },
    { name: 'nginx-unprivileged runs as uid 101', code: 'FROM nginxinc/nginx-unprivileged:1.27.3-alpine\nCOPY site/ /usr/share/nginx/html/\n' },
    { name: 'keycloak runs as uid 1000', code: 'FROM quay.io/keycloak/keycloak:26.0.5\nRUN /opt/keycloak/bin/kc.sh build\n' },
    { name: 'jenkins runs as the jenkins user', code: 'FROM jenkins/jenkins:2.479.1-lts-jdk17\nCOPY plugins.txt /usr/share/jenkins/ref/\n' },
    { name: 'numeric uid and gid', code: 'FROM debian:12.6-slim\nUSER 65532:65532\n' },
    {
      name: 'only the final stage is judged',
      code: 'FROM golang:1.23.2 AS build\nUSER root\nRUN go build ./...\nFROM gcr.io/distroless/static-debian12:nonroot\nUSER nonroot\n',
    },
    { name: 'USER inherited from the parent stage', code: 'FROM python:3.12.7-slim AS base\nUSER app\nFROM base\nCMD ["python"]\n' },
    { name: 'USER from a variable with a non-root value', code: 'FROM alpine:3.20.3\nARG UID=10001\nUSER ${UID}\n' },
    { name: 'USER from a variable that is unknown at lint time', code: 'FROM alpine:3.20.3\nARG UID\nUSER $UID\n' },
    { name: 'lowercase instruction', code: 'from alpine:3.20.3\nuser app\n' },
    {
      name: 'the image a CI job runs the tests in is test code, not a production image',
      filename: 'billing/tests/Dockerfile',
      code: 'FROM node:20.18.0-slim\nRUN npm install -g newman@6.2.1\nCOPY . /suite\nCMD ["/suite/run-checks.sh"]\n',
    },
    {
      name: 'an example shown to users is not a production image',
      filename: 'examples/service-fastapi/Dockerfile',
      code: 'FROM python:3.12.7-slim\nCMD ["fastapi", "run"]\n',
    },
    {
      name: 'a development container is not a production image',
      filename: '.devcontainer/Dockerfile',
      code: 'FROM mcr.microsoft.com/devcontainers/python:1-3.12-bookworm\nRUN pip install --no-cache-dir pre-commit==4.0.1\n',
    },
    { name: 'empty file', code: '' },
    { name: 'only comments', code: '# nothing to build yet\n# see ADR 0003\n' },
    { name: 'no FROM at all', code: 'ARG VERSION=1\n' },
  ],
  invalid: [
    {
      name: 'an image that drops privileges in its entrypoint with gosu: an info, without a fix',
      code: 'FROM debian:12.6-slim\nRUN groupadd -r db && useradd -r -g db db && apt-get update && apt-get install -y --no-install-recommends gosu=1.14-1+b10\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          message:
            'The final stage sets no USER and starts as root, with gosu to switch user at startup; Plumbline cannot follow that into the entrypoint: make sure the main process runs as a non-root user.',
        },
      ],
      output: null,
    },
    {
      name: 'a base image chosen at build time cannot be seen: an info without a fix',
      code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY config.xml /etc/app/\n',
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'info',
          message:
            'The final stage sets no USER and its base image ${BASE_IMAGE} is chosen at build time, so Plumbline cannot see which user it runs as; if that is root, add USER <non-root user> before CMD/ENTRYPOINT.',
        },
      ],
    },
    {
      name: 'no USER: reported at FROM..image, fix inserts the default uid before CMD',
      code: 'FROM python:3.12.7-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 24, message: noUser('10001') }],
      output: 'FROM python:3.12.7-slim\nCOPY . /app\nUSER 10001\nCMD ["python", "/app/main.py"]\n',
    },
    {
      name: 'a test image is still judged with checkTests',
      filename: 'billing/tests/Dockerfile',
      code: 'FROM node:20.18.0-slim\nCOPY . /suite\nCMD ["/suite/run-checks.sh"]\n',
      options: { checkTests: true },
      errors: [{ line: 1, column: 1, endColumn: 23, message: noUser('10001') }],
      output: 'FROM node:20.18.0-slim\nCOPY . /suite\nUSER 10001\nCMD ["/suite/run-checks.sh"]\n',
    },
    {
      name: 'a service image beside a tests folder is production code',
      filename: 'billing/Dockerfile',
      code: 'FROM node:20.18.0-slim\nCOPY . /srv\nCMD ["node", "/srv/server.js"]\n',
      errors: [{ line: 1, column: 1, endColumn: 23, message: noUser('10001') }],
      output: 'FROM node:20.18.0-slim\nCOPY . /srv\nUSER 10001\nCMD ["node", "/srv/server.js"]\n',
    },
    {
      name: 'reuses the user the stage creates with useradd',
      code: 'FROM python:3.12.7-slim\nRUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin appuser\nENTRYPOINT ["python"]\nCMD ["-m", "api"]\n',
      errors: [{ line: 1, column: 1, endColumn: 24, message: noUser('appuser') }],
      output:
        'FROM python:3.12.7-slim\nRUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin appuser\nUSER appuser\nENTRYPOINT ["python"]\nCMD ["-m", "api"]\n',
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
      name: "a final USER root with no RUN after it is the author's choice: reported, no fix",
      code: 'FROM python:3.12.7-slim\nRUN useradd app\nUSER root\nCMD ["python"]\n',
      errors: [{ line: 3, column: 6, endLine: 3, endColumn: 10, message: deliberateRoot('root') }],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'USER 0',
      code: 'FROM alpine:3.20.3\nUSER 0\n',
      errors: [{ line: 2, column: 6, endColumn: 7, message: deliberateRoot('0') }],
      output: null,
    },
    {
      name: 'USER 0:0 through a variable',
      code: 'FROM alpine:3.20.3\nENV RUN_AS=0:0\nUSER ${RUN_AS}\n',
      errors: [{ line: 3, column: 6, endColumn: 15, message: deliberateRoot('0:0') }],
      output: null,
    },
    {
      name: 'USER root for build steps: the fix switches back to the earlier user after the last RUN (unsafe)',
      code: 'FROM debian:12.6-slim\nUSER app\nUSER root\nRUN apt-get update\nCMD ["run"]\n',
      errors: [{ line: 3, column: 6, endColumn: 10, message: restore('root', 'app') }],
      suggestions: [[{ title: 'Switch back to USER app before startup', applicability: 'unsafe' }]],
      output: 'FROM debian:12.6-slim\nUSER app\nUSER root\nRUN apt-get update\nUSER app\nCMD ["run"]\n',
    },
    {
      name: 'USER root:root for build steps with no earlier user known: no uid is invented',
      code: 'FROM alpine:3.20.3\nUSER root:root\nRUN apk add --no-cache tini\n',
      errors: [{ line: 2, column: 6, endColumn: 15, message: deliberateRoot('root:root') }],
      output: null,
    },
    {
      name: 'root inherited from the parent stage, build steps after it: back to the user the parent had',
      code: 'FROM python:3.12.7-slim AS base\nUSER app\nUSER root\nFROM base AS final\nRUN pip install --no-cache-dir gunicorn==23.0.0\nCMD ["python"]\n',
      errors: [
        {
          line: 4,
          column: 1,
          endColumn: 10,
          message:
            'The final stage inherits USER root from an earlier stage, so it runs as root after the build steps that needed it; switch back to USER app before CMD/ENTRYPOINT.',
        },
      ],
      output:
        'FROM python:3.12.7-slim AS base\nUSER app\nUSER root\nFROM base AS final\nRUN pip install --no-cache-dir gunicorn==23.0.0\nUSER app\nCMD ["python"]\n',
    },
    {
      name: 'images that manage their own user get no USER, and the message says why',
      code: 'FROM nginx:1.27.3-alpine\nCOPY site/ /usr/share/nginx/html/\n',
      errors: [
        { line: 1, column: 1, endColumn: 25, message: ownUserImage('nginx', 'its master process binds the ports and its workers run as the nginx user') },
      ],
      suggestions: [[]],
      output: null,
    },
    {
      name: "a registry-qualified postgres image: the reason is the image's own",
      code: 'FROM bitnami/redis:7.4 AS cache\nFROM docker.io/library/postgres:16.4 AS db\nCOPY --from=cache /etc/hosts /tmp/hosts\n',
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 37,
          message: ownUserImage('postgres', 'its entrypoint starts as root to prepare its data directory, then runs the server as the postgres user'),
        },
      ],
      output: null,
    },
    {
      name: 'a linuxserver.io image switches to PUID/PGID itself',
      code: 'FROM lscr.io/linuxserver/plex:1.41.2\nCOPY preferences.xml /defaults/\n',
      errors: [
        { line: 1, column: 1, message: ownUserImage('linuxserver/plex', 'linuxserver.io images switch to the uid and gid given in PUID and PGID themselves') },
      ],
      output: null,
    },
    {
      name: 'a stage ending in an unterminated heredoc: no USER appended into the script',
      code: 'FROM debian:12.6-slim\nRUN <<EOF\napt-get update\n',
      errors: [{ line: 1, column: 1, message: noUser('10001') }],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'a terminated heredoc is no obstacle',
      code: 'FROM debian:12.6-slim\nRUN <<EOF\napt-get update\nEOF',
      errors: [{ line: 1, column: 1, message: noUser('10001') }],
      output: 'FROM debian:12.6-slim\nRUN <<EOF\napt-get update\nEOF\nUSER 10001',
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
      errors: [{ line: 6, column: 6, endColumn: 10, message: deliberateRoot('root') }],
      output: null,
    },
  ],
});
