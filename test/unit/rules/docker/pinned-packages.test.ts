import { pinnedPackages } from '../../../../server/src/rules/docker/pinned-packages';
import { testRule } from '../../../helpers/ruleTester';

const apt = (name: string) => `apt package "${name}" has no version pin; write ${name}=<version> so every build installs the same version.`;
const pip = (name: string) => `pip package "${name}" has no version pin; write ${name}==<version> so every build installs the same version.`;

testRule(pinnedPackages, {
  valid: [
    {
      name: "uv pip's long options take values, and --requirements files are PL310's",
      code: 'FROM python:3.12.7-slim\nRUN uv pip install --system --python-preference system --index-strategy unsafe-best-match --index https://pypi.org/simple --requirements requirements.txt\n',
    },
    'FROM debian:12.6-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ca-certificates=20230311\n',
    {
      name: 'a development container and a test image are not production images',
      filename: '.devcontainer/Dockerfile',
      code: 'FROM python:3.12.7-slim\nRUN apt-get update && apt-get install -y --no-install-recommends git\n',
    },
    {
      name: 'a test image',
      filename: 'tests/e2e/Dockerfile',
      code: 'FROM debian:12.6-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    },
    { name: 'apk pins', code: 'FROM alpine:3.20.3\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2\n' },
    {
      name: 'pip pins, requirement and local installs',
      code: 'FROM python:3.12.7-slim\nRUN pip install --no-cache-dir "flask==3.0.3" -r requirements.txt -e . ./dist/app-1.0-py3-none-any.whl\n',
    },
    { name: 'pip with a constraints file', code: 'FROM python:3.12.7-slim\nRUN pip install -c constraints.txt flask gunicorn\n' },
    {
      name: 'python -m pip and uv pip with pins',
      code: 'FROM python:3.12.7-slim\nRUN python3 -m pip install uvicorn==0.30.6 && uv pip install --system httpx==0.27.2\n',
    },
    { name: 'npm global with versions, scoped', code: 'FROM node:20.18.0-slim\nRUN npm install -g typescript@5.6.3 @angular/cli@18.2.8\n' },
    {
      name: 'npm global with the version from a build argument',
      code: 'FROM node:20.18.0-alpine3.20\nARG LINTER_VERSION\nRUN npm install -g --prefix /opt/tools markdown-lint-kit@${LINTER_VERSION} @acme/report@$REPORT_VERSION\n',
    },
    { name: "npm install without -g is the lockfile's business", code: 'FROM node:20.18.0-slim\nRUN npm install express && npm ci\n' },
    { name: 'variables, not packages', code: 'FROM debian:12.6-slim\nRUN apt-get install -y $PACKAGES\n' },
    { name: 'other apt subcommands', code: 'FROM debian:12.6-slim\nRUN apt-get update && apt-get upgrade -y && apt-get purge -y curl\n' },
    { name: 'an apt-get inside a quoted string is not a command', code: 'FROM debian:12.6-slim\nRUN echo "apt-get install curl"\n' },
    { name: 'empty file', code: '' },
  ],
  invalid: [
    {
      name: 'a test image is still judged with checkTests',
      filename: 'tests/e2e/Dockerfile',
      code: 'FROM debian:12.6-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      options: { checkTests: true },
      errors: [{ line: 2, column: 66, endColumn: 70, message: apt('curl') }],
    },
    {
      name: 'a package installed in both branches of an if is one package to pin, at its first install',
      code: 'FROM debian:12.6-slim\nRUN if [ "$SLIM" = 1 ]; then apt-get install -y --no-install-recommends git; else apt-get install -y --no-install-recommends git make; fi\n',
      errors: [
        {
          line: 2,
          column: 73,
          message:
            'This RUN installs 2 packages without a version pin (apt "git", "make"); write git=<version>, make=<version> so every build installs the same version.',
        },
      ],
    },
    {
      name: 'a backtick comment in a continued RUN line is no package',
      code: 'FROM debian:12.6-slim\nRUN apt-get install -y --no-install-recommends \\\n  libxslt1-dev=1.1.35-1 `# lxml needs it` \\\n  curl\n',
      errors: [{ line: 4, column: 3, message: 'apt package "curl" has no version pin; write curl=<version> so every build installs the same version.' }],
    },
    {
      name: 'apt-get: one diagnostic per RUN at its first unpinned package, listing them all; options are no packages',
      code: 'FROM debian:12.6-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.5-0+deb12u1 jq\n',
      errors: [
        {
          line: 2,
          column: 66,
          endLine: 2,
          endColumn: 70,
          message:
            'This RUN installs 2 packages without a version pin (apt "curl", "jq"); write curl=<version>, jq=<version> so every build installs the same version.',
        },
      ],
    },
    {
      name: 'continuation lines, a comment between them, -o with a value, sudo and env prefix',
      code: 'FROM debian:12.6-slim\nRUN DEBIAN_FRONTEND=noninteractive sudo apt-get -o Dpkg::Options::=--force-confold install -y \\\n    # tools\n    wget \\\n    unzip\n',
      errors: [{ line: 4, column: 5, endColumn: 9, message: /^This RUN installs 2 packages without a version pin \(apt "wget", "unzip"\)/ }],
    },
    {
      name: 'apk: --virtual takes a name that is no package',
      code: 'FROM alpine:3.20.3\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0\n',
      errors: [
        { line: 2, column: 46, endColumn: 49, message: 'apk package "gcc" has no version pin; write gcc=<version> so every build installs the same version.' },
      ],
    },
    {
      name: 'pip: ranges do not pin; quoted packages keep their quotes in the range; extras',
      code: 'FROM python:3.12.7-slim\nRUN pip install --upgrade pip "requests>=2" uvicorn[standard] -i https://pypi.org/simple\n',
      errors: [
        {
          line: 2,
          column: 27,
          endColumn: 30,
          message:
            'This RUN installs 3 packages without a version pin (pip "pip", "requests", "uvicorn"); write pip==<version>, requests==<version>, uvicorn==<version> so every build installs the same version.',
        },
      ],
    },
    {
      name: 'pip3 and python -m pip, in separate RUNs',
      code: 'FROM python:3.12.7-slim\nRUN pip3 install boto3\nRUN python -m pip install rich\n',
      errors: [
        { line: 2, column: 18, endColumn: 23, message: pip('boto3') },
        { line: 3, column: 27, endColumn: 31, message: pip('rich') },
      ],
    },
    {
      name: 'npm -g: no version, and a dist-tag, are unpinned',
      code: 'FROM node:20.18.0-slim\nRUN npm install --global pm2 && npm i -g npm@latest @nestjs/cli\n',
      errors: [
        {
          line: 2,
          column: 26,
          endColumn: 29,
          message:
            'This RUN installs 3 packages without a version pin (npm (global) "pm2", "npm", "@nestjs/cli"); write pm2@<version>, npm@<version>, @nestjs/cli@<version> so every build installs the same version.',
        },
      ],
    },
    {
      name: 'one RUN that installs with several package managers, and a single global npm package',
      code: 'FROM python:3.12.7-slim\nRUN apt-get install -y git \\\n    && pip install httpx\nRUN npm install -g pm2\n',
      errors: [
        {
          line: 2,
          column: 24,
          endColumn: 27,
          message:
            'This RUN installs 2 packages without a version pin (apt "git"; pip "httpx"); write git=<version>, httpx==<version> so every build installs the same version.',
        },
        {
          line: 4,
          column: 20,
          endColumn: 23,
          message: 'npm package "pm2" installed globally has no version pin; write pm2@<version> so every build installs the same version.',
        },
      ],
    },
    {
      name: 'a heredoc script with continued lines: the continuation is no package',
      code: 'FROM debian:12.6-slim\nRUN <<EOT\nset -ex\napt-get install -y \\\n    git \\\n    clang\nEOT\n',
      errors: [{ line: 5, column: 5, endColumn: 8, message: /^This RUN installs 2 packages without a version pin \(apt "git", "clang"\)/ }],
    },
    {
      name: 'heredoc RUN: the script lines are commands',
      code: 'FROM debian:12.6-slim\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y tini\nEOF\n',
      errors: [{ line: 5, column: 20, endColumn: 24, message: apt('tini') }],
    },
    {
      name: 'RUN flags are skipped; dnf installs',
      code: 'FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y python3 git-2.47.0\n',
      errors: [
        {
          line: 2,
          column: 61,
          endColumn: 68,
          message: 'dnf/yum package "python3" has no version pin; write python3-<version> so every build installs the same version.',
        },
      ],
    },
    {
      name: 'builder stages are judged too, lowercase run',
      code: 'FROM golang:1.23.2 AS build\nrun apt-get install -y make\nFROM scratch\n',
      errors: [{ line: 2, column: 24, endColumn: 28, message: apt('make') }],
    },
  ],
});
