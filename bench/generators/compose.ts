import type { SeededRandom } from '../lib/inputs';

const IMAGES = [
  'postgres:16.3',
  'redis:7.2-alpine',
  'rabbitmq:3.13-management',
  'grafana/grafana:latest',
  'prom/prometheus:v2.53.0',
  'nginx',
  'ghcr.io/acme/api:1.4.2',
  'minio/minio:${MINIO_TAG:-RELEASE.2024-06-13T22-53-53Z}',
];
const ENVIRONMENT = ['LOG_LEVEL: info', 'TZ: UTC', 'DB_PASSWORD: hunter2', 'API_TOKEN: ${API_TOKEN}', 'CACHE_URL: redis://cache:6379/0', 'WORKERS: "4"'];

export interface ComposeService {
  name: string;
  /** Host ports it publishes. */
  ports: number[];
}

export interface GeneratedCompose {
  text: string;
  services: ComposeService[];
}

function serviceLines(random: SeededRandom, service: ComposeService, builds: boolean, others: readonly string[]): string[] {
  const lines = [`  ${service.name}:`];
  if (builds) lines.push('    build:', '      context: .', '      target: runtime');
  else lines.push(`    image: ${random.pick(IMAGES)}`);
  lines.push('    restart: unless-stopped');
  if (service.ports.length) lines.push('    ports:', ...service.ports.map((port) => `      - "${port}:${port}"`));
  lines.push(
    '    environment:',
    ...Array.from({ length: random.int(1, 4) }, () => `      ${random.pick(ENVIRONMENT)}`).filter((line, i, all) => all.indexOf(line) === i),
  );
  if (others.length && random.chance(0.6)) lines.push('    depends_on:', `      - ${random.pick(others)}`);
  if (random.chance(0.5)) lines.push('    volumes:', `      - ${service.name}-data:/var/lib/${service.name}`);
  if (random.chance(0.5)) {
    lines.push(
      '    healthcheck:',
      `      test: ["CMD", "wget", "-qO-", "http://localhost:${service.ports[0] ?? 80}/health"]`,
      '      interval: 30s',
      '      timeout: 5s',
      '      retries: 3',
    );
  }
  if (random.chance(0.5)) lines.push('    deploy:', '      resources:', '        limits:', '          cpus: "0.50"', '          memory: 512M');
  if (random.chance(0.4)) lines.push('    user: "10001:10001"');
  if (random.chance(0.1)) lines.push('    privileged: true');
  if (random.chance(0.05)) lines.push('    volumes_from: []', '    network_mode: host');
  return lines;
}

/**
 * A Compose file in the style of public stacks (databases, queues, monitoring):
 * `serviceCount` services publishing ports from `firstPort`, and a mix of
 * compliant and violating settings.
 */
export function generateCompose(random: SeededRandom, stack: string, serviceCount: number, firstPort: number, builds = false): GeneratedCompose {
  const services: ComposeService[] = [];
  let port = firstPort;
  for (let i = 0; i < serviceCount; i++) {
    const published = random.chance(0.8) ? Array.from({ length: random.int(1, 2) }, () => port++) : [];
    services.push({ name: `${stack}-svc${i}`, ports: published });
  }
  const lines = [`# ${stack}: generated benchmark stack`, `name: ${stack}`, '', 'services:'];
  services.forEach((service, i) => {
    lines.push(
      ...serviceLines(
        random,
        service,
        builds && i === 0,
        services.slice(0, i).map((other) => other.name),
      ),
      '',
    );
  });
  const volumes = lines.filter((line) => /^ {6}- [\w-]+-data:/.test(line)).map((line) => line.trim().slice(2).split(':')[0]!);
  if (volumes.length) lines.push('volumes:', ...volumes.map((volume) => `  ${volume}: {}`));
  return { text: `${lines.join('\n')}\n`, services };
}

/** PortRegistry.md listing every given port with its service, as the team keeps it. */
export function generatePortRegistry(rows: ReadonlyArray<{ port: number; service: string }>): string {
  const body = rows.map(({ port, service }) => `| ${port} | ${service} | platform |`);
  return ['# Port registry', '', 'Every published host port, by service.', '', '| Port | Service | Owner |', '|---|---|---|', ...body, ''].join('\n');
}

export const BUILD_DOCKERFILE = [
  'FROM python:3.12-slim AS runtime',
  'RUN useradd --uid 10001 app',
  'USER app',
  'EXPOSE 8000',
  'HEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"',
  'CMD ["python", "-m", "app"]',
  '',
].join('\n');
