import { hardening } from '../../../../server/src/rules/docker/hardening';
import { testRule } from '../../../helpers/ruleTester';

const PIPEFAIL =
  'pipes commands under a shell without pipefail, so a failure before the last | goes unnoticed (SHELL ["/bin/bash", "-o", "pipefail", "-c"], or set -o pipefail first)';
const LISTS = 'leaves the apt package lists in the layer (end the RUN with rm -rf /var/lib/apt/lists/*)';
const RECOMMENDS = 'installs apt packages without --no-install-recommends';

testRule(hardening, {
  valid: [
    {
      name: 'a test image or a development container is not a production image',
      filename: '.devcontainer/Dockerfile',
      code: 'FROM mcr.microsoft.com/devcontainers/python:1-3.12-bookworm\nRUN curl -fsSL https://get.example.com/tool.sh | sh\n',
    },
    {
      name: 'apt-get dist-clean removes the package lists (apt 2.7+)',
      code: 'FROM debian:13.1-slim\nRUN apt-get update; apt-get install -y --no-install-recommends ca-certificates=20250419; apt-get dist-clean\n',
    },
    {
      name: "a case arm's a|b) patterns are no pipe",
      code: 'FROM debian:12.6-slim\nRUN set -eux && case "${TAG}" in dev|beta|fix*) sed -i "s/tag/${TAG}/" /app/env.ts ;; esac\n',
    },
    {
      name: 'apt install done right: no recommends, lists removed in the same RUN',
      code: 'FROM debian:12.6-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a cache mount keeps the apt lists out of the layer',
      code: 'FROM debian:12.6-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends jq=1.6-2.1\n',
    },
    {
      name: 'a cache mount written with a quoted target, or its options in another order',
      code: 'FROM debian:12.6-slim\nRUN --mount=type=cache,target="/var/lib/apt/lists" apt-get update && apt-get install -y --no-install-recommends jq=1.6-2.1\nRUN --mount=dst=/var/lib/apt/lists,type=cache,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n',
    },
    {
      name: 'a download saved, verified with a checksum, then run',
      code: 'FROM debian:12.6-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n    && echo "0123abcd  /tmp/install.sh" | sha256sum -c - \\\n    && sh /tmp/install.sh\n',
    },
    {
      name: 'a download piped into a checksum tool is verification, not execution',
      code: 'FROM debian:12.6-slim\nRUN set -o pipefail && curl -fsSL https://example.com/tool.tgz | tee /tmp/tool.tgz | sha256sum -c /tmp/tool.sha256\n',
    },
    {
      name: 'ADD with a checksum',
      code: 'FROM alpine:3.20.3\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\n',
    },
    { name: 'ADD of a local archive', code: 'FROM alpine:3.20.3\nADD vendor.tar.gz /opt/\n' },
    { name: 'sticky /tmp and owner-only modes', code: 'FROM alpine:3.20.3\nRUN chmod 1777 /tmp/cache && chmod 750 /app && chmod -R u+rwX,go-w /srv\n' },
    { name: 'a pipe after echo cannot lose a failure', code: 'FROM alpine:3.20.3\nRUN echo "app:x:10001:" | tee -a /etc/group\n' },
    {
      name: 'a pipe under a pipefail SHELL',
      code: 'FROM debian:12.6-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\n',
    },
    {
      name: 'apt in a builder stage that does not ship',
      code: 'FROM debian:12.6-slim AS build\nRUN apt-get update && apt-get install -y gcc=4:12.2.0-3\nFROM gcr.io/distroless/base-debian12:nonroot\nCOPY --from=build /out /app\n',
    },
    {
      name: 'apt in a final dev stage that Compose never builds (it targets another stage)',
      filename: 'app/Dockerfile',
      code: 'FROM python:3.12.7-slim AS builder\nCMD ["python", "app.py"]\nFROM builder AS dev-envs\nRUN apt-get update && apt-get install -y git=1:2.39.5-0+deb12u1\n',
      files: { 'compose.yaml': 'services:\n  web:\n    build:\n      context: app\n      target: builder\n' },
    },
    {
      name: 'a PowerShell SHELL is not judged for pipefail',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-Content a.txt | Out-File b.txt\n',
    },
    'FROM alpine:3.20.3\nRUN apk add --no-cache tini=0.19.0-r3\n',
  ],
  invalid: [
    {
      name: 'one finding per instruction, naming every problem in it',
      code: 'FROM debian:12.6-slim\nRUN sudo apt-get update && sudo apt-get install -y curl=7.88.1-10+deb12u8 \\\n    && curl -fsSL https://example.com/install.sh | sh\n',
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 76,
          message: `This RUN (1) uses sudo (the build already runs as root; switch users with USER instead); (2) pipes a download into an interpreter (curl … | sh) unverified; download to a file, check it with sha256sum -c, then run it; (3) ${RECOMMENDS}; (4) ${LISTS}; (5) ${PIPEFAIL}.`,
        },
      ],
      output: null,
    },
    {
      name: 'remote ADD without a checksum',
      code: 'FROM alpine:3.20.3\nADD https://example.com/tool.tar.gz /opt/\n',
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 42,
          message:
            'This ADD downloads https://example.com/tool.tar.gz without a checksum; add --checksum=sha256:<digest>, or download it with curl and verify it.',
        },
      ],
    },
    {
      name: 'world-writable modes, octal and symbolic',
      code: 'FROM alpine:3.20.3\nRUN chmod -R 777 /app\nRUN chmod a+rwx /data\nRUN chmod 0666 /etc/app.conf\n',
      errors: [
        { line: 2, message: 'This RUN makes files world-writable (chmod 777); grant only the owner or group that needs it.', column: 1 },
        { line: 3, message: 'This RUN makes files world-writable (chmod a+rwx); grant only the owner or group that needs it.', column: 1 },
        { line: 4, message: 'This RUN makes files world-writable (chmod 0666); grant only the owner or group that needs it.', column: 1 },
      ],
    },
    {
      name: "wget piped into bash in a heredoc; the pipe also loses curl's status",
      code: 'FROM debian:12.6-slim\nRUN <<EOF\nwget -qO- https://example.com/get.sh | bash\nEOF\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: `This RUN (1) pipes a download into an interpreter (wget … | bash) unverified; download to a file, check it with sha256sum -c, then run it; (2) ${PIPEFAIL}.`,
        },
      ],
    },
    {
      name: 'apt without recommends off but with lists removed; the Compose target ships this stage',
      filename: 'api/Dockerfile',
      code: 'FROM debian:12.6-slim AS runtime\nRUN apt-get update && apt-get install -y tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*\nFROM runtime AS dev\n',
      files: { 'compose.yaml': 'services:\n  api:\n    build:\n      context: api\n      target: runtime\n' },
      errors: [{ line: 2, column: 1, message: `This RUN ${RECOMMENDS}.` }],
    },
    {
      name: 'a pipe into grep under the default /bin/sh',
      code: 'FROM alpine:3.20.3\nRUN cat /etc/os-release | grep -q alpine\n',
      errors: [{ line: 2, column: 1, message: `This RUN ${PIPEFAIL}.` }],
    },
  ],
});
