import { parseImageReference } from '../docker/imageReference';
import { interpolate } from './interpolation';

/**
 * What Plumbline knows about widely used images without seeing their
 * Dockerfiles: how they handle their user, how they answer a health probe,
 * and whether their memory need depends on their data. Keyed by the last
 * segment of the repository (`postgres`, `bitnami/postgresql` → `postgresql`).
 */
export interface WellKnownImage {
  /** Why `user:` must not be set, as a clause: "its entrypoint … ". */
  ownUser: string;
  /** A probe that uses the image's own binary; undefined when the image ships no suitable tool. */
  probe?: readonly string[];
  /** The probe of releases before a major version, whose images lack the newer client. */
  olderProbe?: { before: number; probe: readonly string[] };
  /** Databases, brokers, search engines: a guessed memory limit would kill them under load. */
  stateful: boolean;
}

const DROPS_PRIVILEGES = (user: string) => `its entrypoint starts as root to prepare its data directory, then runs the server as the ${user} user`;

const IMAGES: Record<string, WellKnownImage> = {
  postgres: { ownUser: DROPS_PRIVILEGES('postgres'), probe: ['CMD-SHELL', 'pg_isready -U "$${POSTGRES_USER:-postgres}"'], stateful: true },
  postgresql: { ownUser: 'it runs as its own non-root user', stateful: true },
  mysql: { ownUser: DROPS_PRIVILEGES('mysql'), probe: ['CMD', 'mysqladmin', 'ping', '-h', 'localhost'], stateful: true },
  // healthcheck.sh ships with 11.x images (and late 10.x builds); every 10.x image has mysqladmin.
  mariadb: {
    ownUser: DROPS_PRIVILEGES('mysql'),
    probe: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'],
    olderProbe: { before: 11, probe: ['CMD', 'mysqladmin', 'ping', '-h', 'localhost'] },
    stateful: true,
  },
  redis: { ownUser: DROPS_PRIVILEGES('redis'), probe: ['CMD', 'redis-cli', 'ping'], stateful: true },
  valkey: { ownUser: DROPS_PRIVILEGES('valkey'), probe: ['CMD', 'valkey-cli', 'ping'], stateful: true },
  // mongosh ships with 5.x and later; 4.x images have the legacy mongo shell.
  mongo: {
    ownUser: DROPS_PRIVILEGES('mongodb'),
    probe: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
    olderProbe: { before: 5, probe: ['CMD', 'mongo', '--quiet', '--eval', "db.adminCommand('ping')"] },
    stateful: true,
  },
  rabbitmq: { ownUser: DROPS_PRIVILEGES('rabbitmq'), probe: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], stateful: true },
  memcached: { ownUser: 'it runs as the memcache user', stateful: true },
  elasticsearch: { ownUser: 'it runs as the elasticsearch user', stateful: true },
  opensearch: { ownUser: 'it runs as the opensearch user', stateful: true },
  kibana: { ownUser: 'it runs as the kibana user', stateful: true },
  logstash: { ownUser: 'it runs as the logstash user', stateful: true },
  'cp-kafka': { ownUser: 'it runs as its appuser', stateful: true },
  'cp-zookeeper': { ownUser: 'it runs as its appuser', stateful: true },
  kafka: { ownUser: 'it runs as its own non-root user', stateful: true },
  zookeeper: { ownUser: DROPS_PRIVILEGES('zookeeper'), stateful: true },
  'clickhouse-server': { ownUser: DROPS_PRIVILEGES('clickhouse'), stateful: true },
  clickhouse: { ownUser: DROPS_PRIVILEGES('clickhouse'), stateful: true },
  'mssql/server': { ownUser: 'it runs as the mssql user', stateful: true },
  'azure-sql-edge': { ownUser: 'it runs as the mssql user', stateful: true },
  nginx: { ownUser: 'its master process binds the ports and its workers run as the nginx user', stateful: false },
  httpd: { ownUser: 'its parent process binds the ports and its workers run as the daemon user', stateful: false },
  grafana: { ownUser: 'it runs as the grafana user (uid 472)', stateful: false },
  prometheus: { ownUser: 'it runs as the nobody user', stateful: true },
  adminer: { ownUser: 'it runs as the adminer user', stateful: false },
  pgadmin4: { ownUser: 'it runs as the pgadmin user (uid 5050)', stateful: false },
};

/** Publishers whose every image switches to the uid given in PUID/PGID itself (s6-overlay). */
const OWN_USER_PUBLISHERS: Record<string, string> = {
  linuxserver: 'linuxserver.io images switch to the uid and gid given in PUID and PGID themselves',
};

/**
 * Official base images that run as root unless a Dockerfile sets USER: a
 * stage built on one of them without USER runs as root.
 */
const ROOT_BASES: Record<string, true> = Object.fromEntries(
  [
  'scratch', 'alpine', 'busybox', 'debian', 'ubuntu', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux',
  'python', 'node', 'golang', 'rust', 'ruby', 'php', 'perl', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle',
  'dotnet/sdk', 'dotnet/aspnet', 'dotnet/runtime', 'elixir', 'erlang', 'haskell', 'swift', 'gcc', 'buildpack-deps',
  ].map((name) => [name, true]),
);

function referenceOf(image: string): { repository: string; tag: string | undefined } | undefined {
  if (image.trim() === 'scratch') return { repository: 'scratch', tag: undefined };
  const resolved = interpolate(image);
  if (resolved.runtimeOnly) return undefined;
  const reference = parseImageReference(resolved.value);
  return reference && { repository: reference.repository.replace(/^library\//, ''), tag: reference.tag };
}

function repositoryOf(image: string): string | undefined {
  return referenceOf(image)?.repository;
}

/** The major version a tag starts with (`10.6.4-focal` → 10); undefined for `latest`, `alpine` … */
function majorVersion(tag: string | undefined): number | undefined {
  const match = tag === undefined ? null : /^v?(\d+)(?:[.-]|$)/.exec(tag);
  return match ? Number(match[1]) : undefined;
}

/** The entry for a repository, by its last two path segments (`mssql/server`) or its last one (`postgres`). */
function lookup<T>(table: Record<string, T>, repository: string): { key: string; value: T } | undefined {
  const segments = repository.split('/');
  for (const key of [segments.slice(-2).join('/'), segments.at(-1)!]) {
    if (Object.hasOwn(table, key)) return { key, value: table[key]! };
  }
  return undefined;
}

/** The well-known image behind a reference, if it is one; `name` is how messages call it. */
export function wellKnownImage(image: string | undefined): (WellKnownImage & { name: string }) | undefined {
  const reference = image === undefined ? undefined : referenceOf(image);
  if (!reference) return undefined;
  const { repository } = reference;
  const known = lookup(IMAGES, repository);
  if (known) {
    const { olderProbe, ...image } = known.value;
    const major = majorVersion(reference.tag);
    const probe = olderProbe && major !== undefined && major < olderProbe.before ? olderProbe.probe : image.probe;
    return { ...image, probe, name: known.key };
  }
  const publisher = repository.split('/')[0]!;
  const ownUser = Object.hasOwn(OWN_USER_PUBLISHERS, publisher) ? OWN_USER_PUBLISHERS[publisher] : undefined;
  return ownUser ? { ownUser, stateful: false, name: repository } : undefined;
}

/** Whether an image is an official base that runs as root when no USER is set on top of it. */
export function isRootBaseImage(image: string): boolean {
  const repository = repositoryOf(image);
  return repository !== undefined && lookup(ROOT_BASES, repository) !== undefined;
}
