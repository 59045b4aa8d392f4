import type { SeededRandom } from '../lib/inputs';

const BASES = ['python:3.12-slim', 'node:20-bookworm', 'golang:1.22', 'debian:bookworm', 'ubuntu', 'alpine:latest', 'eclipse-temurin:21-jre'];
const APT_PACKAGES = ['curl', 'ca-certificates', 'build-essential', 'libpq-dev', 'git', 'tini', 'gettext-base', 'jq=1.6-2.1', 'unzip'];
const PORTS = [8000, 8080, 3000, 5000, 9090, 8443];

function aptInstall(random: SeededRandom): string[] {
  const packages = Array.from({ length: random.int(2, 6) }, () => random.pick(APT_PACKAGES));
  return [
    'RUN apt-get update \\',
    `    && apt-get install -y --no-install-recommends \\`,
    ...[...new Set(packages)].map((name) => `       ${name} \\`),
    '    && rm -rf /var/lib/apt/lists/*',
  ];
}

function builderStage(random: SeededRandom, index: number): string[] {
  const lines = [`FROM ${random.pick(BASES)} AS build${index}`, 'WORKDIR /src', ...aptInstall(random)];
  if (random.chance(0.5)) lines.push('COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt');
  else lines.push('COPY package.json package-lock.json ./', 'RUN npm install');
  lines.push('COPY . .', `RUN make build-${index}`, '');
  return lines;
}

function finalStage(random: SeededRandom, builders: number): string[] {
  const port = random.pick(PORTS);
  const lines = [`FROM ${random.pick(BASES)}`, `ARG APP_VERSION=1.${random.int(0, 9)}.${random.int(0, 20)}`];
  if (random.chance(0.3)) lines.push('ARG GITHUB_TOKEN');
  lines.push('ENV PYTHONUNBUFFERED=1 \\', '    APP_HOME=/app');
  if (random.chance(0.3)) lines.push('ENV DB_PASSWORD=changeme');
  lines.push(...aptInstall(random), 'WORKDIR /app');
  for (let i = 0; i < builders; i++) lines.push(`COPY --from=build${i} /src/dist /app/dist${i}`);
  if (random.chance(0.6)) lines.push('RUN useradd --create-home --uid 10001 app');
  lines.push(`EXPOSE ${port}`);
  if (random.chance(0.5)) lines.push(`HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:${port}/healthz || exit 1`);
  if (random.chance(0.5)) lines.push('USER app');
  lines.push(random.chance(0.5) ? `CMD ["python", "-m", "app", "--port", "${port}"]` : `CMD python -m app --port ${port}`);
  return lines;
}

/** A realistic multi-stage Dockerfile of about `targetLines` lines (comments, continuations, some violations). */
export function generateDockerfile(random: SeededRandom, targetLines: number): string {
  const header = ['# syntax=docker/dockerfile:1', `# Generated benchmark input (${targetLines} lines)`, ''];
  const stages: string[][] = [];
  let builderLines = 0;
  const finalLength = 22;
  while (header.length + builderLines + finalLength < targetLines) {
    const stage = builderStage(random, stages.length);
    stages.push(stage);
    builderLines += stage.length;
  }
  const lines = [...header, ...stages.flat(), ...finalStage(random, stages.length)];
  let padding = 0;
  while (lines.length < targetLines) lines.splice(header.length, 0, `# note ${padding++}: keep the build reproducible`);
  return `${lines.join('\n')}\n`;
}
