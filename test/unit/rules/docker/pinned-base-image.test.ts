import { pinnedBaseImage } from '../../../../server/src/rules/docker/pinned-base-image';
import { testRule } from '../../../helpers/ruleTester';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);
const pinTag = (repository: string) => `pin a version tag (${repository}:<version>) so every rebuild starts from the same base.`;

testRule(pinnedBaseImage, {
  valid: [
    'FROM python:3.12.7-slim\n',
    `FROM nginx@${DIGEST}\n`,
    { name: 'stage names are not images', code: 'FROM golang:1.23.2 AS builder\nFROM builder\nFROM BUILDER AS again\n' },
    { name: 'scratch is no image', code: 'FROM scratch\n' },
    { name: 'ARG default substituted', code: 'ARG BASE=debian:12.6-slim\nFROM ${BASE}\n' },
    { name: 'ARG default with the tag only', code: 'ARG PY=3.12.7\nFROM python:${PY}-slim\n' },
    { name: 'an ARG without default is unknown at lint time', code: 'ARG BASE\nFROM ${BASE}\nARG TAG\nFROM nginx:$TAG\n' },
    { name: 'an ARG default that refers to another ARG', code: 'ARG PY=3.12.7\nARG BASE=python:${PY}-slim\nFROM $BASE AS run\n' },
    { name: '${VAR:-default} uses its default', code: 'ARG TAG\nFROM nginx:${TAG:-1.27.3}\n' },
    { name: 'an ARG declared after FROM does not reach FROM', code: 'FROM alpine:3.20.3\nARG BASE=nginx\n' },
    { name: 'registry with port and a version tag', code: 'FROM registry.local:5000/team/base:2024.11.1\n' },
    { name: 'platform flag', code: 'FROM --platform=$BUILDPLATFORM golang:1.23.2 AS build\n' },
    { name: 'with requireDigest, digests pass', code: `FROM python:3.12.7-slim@${DIGEST}\nFROM scratch\n`, options: { requireDigest: true } },
    { name: 'custom floating tags replace the defaults', code: 'FROM nginx:stable\n', options: { floatingTags: ['latest'] } },
    { name: 'empty file', code: '' },
    { name: 'only comments', code: '# TODO: pick a base\n' },
  ],
  invalid: [
    {
      name: 'no tag',
      code: 'FROM nginx\n',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 11, message: `Base image "nginx" has no tag; ${pinTag('nginx')}` }],
    },
    {
      name: 'latest, with a stage name',
      code: 'FROM python:latest AS build\n',
      errors: [{ line: 1, column: 6, endColumn: 19, message: `Base image "python:latest" uses the floating tag "latest"; ${pinTag('python')}` }],
    },
    {
      name: 'floating tags of the default list, and their suffixed forms',
      code: 'FROM node:lts-alpine AS web\nFROM alpine:edge\nfrom debian:stable-slim\n',
      errors: [
        { line: 1, column: 6, endColumn: 21, message: `Base image "node:lts-alpine" uses the floating tag "lts-alpine" (it follows "lts"); ${pinTag('node')}` },
        { line: 2, column: 6, endColumn: 17, message: `Base image "alpine:edge" uses the floating tag "edge"; ${pinTag('alpine')}` },
        { line: 3, column: 6, endColumn: 24 },
      ],
    },
    {
      name: 'ARG TAG=latest substituted into FROM',
      code: 'ARG TAG=latest\nFROM nginx:${TAG}\n',
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 18,
          message: `Base image "nginx:\${TAG}" (resolves to "nginx:latest") uses the floating tag "latest"; ${pinTag('nginx')}`,
        },
      ],
    },
    {
      name: 'an ARG whose default is an untagged image',
      code: 'ARG BASE=ghcr.io/acme/base\nFROM $BASE\n',
      errors: [
        { line: 2, column: 6, endColumn: 11, message: `Base image "$BASE" (resolves to "ghcr.io/acme/base") has no tag; ${pinTag('ghcr.io/acme/base')}` },
      ],
    },
    {
      name: 'a FROM naming a stage that is defined later is an image',
      code: 'FROM later\nFROM alpine:3.20.3 AS later\n',
      errors: [{ line: 1, column: 6, endColumn: 11 }],
    },
    {
      name: 'requireDigest',
      code: 'FROM python:3.12.7-slim AS build\nFROM build\n',
      options: { requireDigest: true },
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 24,
          message: 'Base image "python:3.12.7-slim" is not pinned by digest; append the @sha256 digest of the image you tested.',
        },
      ],
    },
    {
      name: 'configured floating tags',
      code: 'FROM ghcr.io/acme/api:dev\n',
      options: { floatingTags: ['latest', 'dev'] },
      errors: [{ line: 1, column: 6, endColumn: 26, message: `Base image "ghcr.io/acme/api:dev" uses the floating tag "dev"; ${pinTag('ghcr.io/acme/api')}` }],
    },
    {
      name: 'continuation inside FROM and a platform flag keep the image range',
      code: 'FROM --platform=linux/amd64 \\\n  redis AS cache\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 8 }],
    },
  ],
});
