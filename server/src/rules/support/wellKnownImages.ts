/**
 * What Plumbline knows about widely used images without seeing their
 * Dockerfiles: how they handle their user, how they answer a health probe,
 * and whether their memory need depends on their data. One table serves the
 * Dockerfile rules (PL101: a stage built on one of them) and the Compose
 * rules (PL202, PL203, PL204: a service that runs or builds on one), and the
 * rule pages build their lists of images from it.
 */
import { interpolate } from '../../languages/composeInterpolation';
import { parseImageReference } from '../../languages/imageReference';
import { addToGroup } from '../../engine/maps';

export interface WellKnownImage {
  /** How the image avoids running its server as root, as a clause: "its entrypoint …", "it runs as …". */
  ownUser: string;
  /**
   * The image's own USER is already non-root, so a stage or service on it runs
   * as non-root. False when it starts as root and drops privileges itself
   * (gosu, su-exec, s6-overlay, worker processes).
   */
  runsAsNonRoot: boolean;
  /** A probe that uses the image's own binary; undefined when the image ships no suitable tool. */
  probe?: readonly string[];
  /** The probe of releases before a major version, whose images lack the newer client. */
  olderProbe?: { before: number; probe: readonly string[] };
  /** Databases, brokers, search engines: a guessed memory limit would kill them under load. */
  stateful: boolean;
}

/** An entry whose entrypoint starts as root to prepare its data directory, then switches user. */
function dropsPrivileges(user: string): Pick<WellKnownImage, 'ownUser' | 'runsAsNonRoot'> {
  return { ownUser: `its entrypoint starts as root to prepare its data directory, then runs the server as the ${user} user`, runsAsNonRoot: false };
}

/** An entry whose Dockerfile sets a non-root USER. */
function runsAs(user: string): Pick<WellKnownImage, 'ownUser' | 'runsAsNonRoot'> {
  return { ownUser: `it runs as ${user}`, runsAsNonRoot: true };
}

const PG_ISREADY = ['CMD-SHELL', 'pg_isready -U "$${POSTGRES_USER:-postgres}"'];
const MYSQLADMIN_PING = ['CMD', 'mysqladmin', 'ping', '-h', 'localhost'];
const POSTGRES: WellKnownImage = { ...dropsPrivileges('postgres'), probe: PG_ISREADY, stateful: true };

/**
 * Keyed by the last two segments of the repository (`mssql/server`) or its
 * last one (`postgres`, `bitnami/postgresql` → `postgresql`), so the
 * registry and publisher do not matter.
 */
const IMAGES: Record<string, WellKnownImage> = {
  postgres: POSTGRES,
  // postgis/postgis and timescale/timescaledb build on the postgres image and keep its entrypoint.
  postgis: POSTGRES,
  timescaledb: POSTGRES,
  postgresql: { ...runsAs('its own non-root user'), stateful: true },
  mysql: { ...dropsPrivileges('mysql'), probe: MYSQLADMIN_PING, stateful: true },
  percona: { ...runsAs('the mysql user'), probe: MYSQLADMIN_PING, stateful: true },
  'percona-server': { ...runsAs('the mysql user'), probe: MYSQLADMIN_PING, stateful: true },
  // healthcheck.sh ships with 11.x images (and late 10.x builds); every 10.x image has mysqladmin.
  mariadb: {
    ...dropsPrivileges('mysql'),
    probe: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'],
    olderProbe: { before: 11, probe: MYSQLADMIN_PING },
    stateful: true,
  },
  redis: { ...dropsPrivileges('redis'), probe: ['CMD', 'redis-cli', 'ping'], stateful: true },
  valkey: { ...dropsPrivileges('valkey'), probe: ['CMD', 'valkey-cli', 'ping'], stateful: true },
  keydb: { ...dropsPrivileges('keydb'), probe: ['CMD', 'keydb-cli', 'ping'], stateful: true },
  // mongosh ships with 5.x and later; 4.x images have the legacy mongo shell.
  mongo: {
    ...dropsPrivileges('mongodb'),
    probe: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"],
    olderProbe: { before: 5, probe: ['CMD', 'mongo', '--quiet', '--eval', "db.adminCommand('ping')"] },
    stateful: true,
  },
  mongodb: { ...runsAs('its own non-root user'), stateful: true },
  cassandra: { ...dropsPrivileges('cassandra'), stateful: true },
  couchdb: { ...dropsPrivileges('couchdb'), stateful: true },
  rabbitmq: { ...dropsPrivileges('rabbitmq'), probe: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], stateful: true },
  memcached: { ...runsAs('the memcache user'), stateful: true },
  elasticsearch: { ...runsAs('the elasticsearch user'), stateful: true },
  opensearch: { ...runsAs('the opensearch user'), stateful: true },
  kibana: { ...runsAs('the kibana user'), stateful: true },
  logstash: { ...runsAs('the logstash user'), stateful: true },
  'cp-kafka': { ...runsAs('its appuser'), stateful: true },
  'cp-zookeeper': { ...runsAs('its appuser'), stateful: true },
  kafka: { ...runsAs('its own non-root user'), stateful: true },
  zookeeper: { ...dropsPrivileges('zookeeper'), stateful: true },
  'clickhouse-server': { ...dropsPrivileges('clickhouse'), stateful: true },
  clickhouse: { ...dropsPrivileges('clickhouse'), stateful: true },
  'mssql/server': { ...runsAs('the mssql user'), stateful: true },
  'azure-sql-edge': { ...runsAs('the mssql user'), stateful: true },
  prometheus: { ...runsAs('the nobody user'), stateful: true },
  // Its embedded Elasticsearch needs what the analysed code base needs.
  sonarqube: { ...runsAs('the sonarqube user'), stateful: true },
  nginx: { ownUser: 'its master process binds the ports and its workers run as the nginx user', runsAsNonRoot: false, stateful: false },
  'nginx-unprivileged': { ...runsAs('the nginx user (uid 101) and listens on port 8080'), stateful: false },
  httpd: { ownUser: 'its parent process binds the ports and its workers run as the daemon user', runsAsNonRoot: false, stateful: false },
  // Since 2.4 the official image sets USER haproxy.
  haproxy: { ...runsAs('the haproxy user'), stateful: false },
  grafana: { ...runsAs('the grafana user (uid 472)'), stateful: false },
  keycloak: { ...runsAs('uid 1000'), stateful: false },
  jenkins: { ...runsAs('the jenkins user'), stateful: false },
  adminer: { ...runsAs('the adminer user'), stateful: false },
  pgadmin4: { ...runsAs('the pgadmin user (uid 5050)'), stateful: false },
};

/** Publishers whose every image handles its user the same way, whatever the image; they win over the table's user facts. */
const PUBLISHERS: Record<string, Pick<WellKnownImage, 'ownUser' | 'runsAsNonRoot'> & { label: string }> = {
  bitnami: { label: 'bitnami/…', ownUser: 'bitnami images run as the non-root uid 1001', runsAsNonRoot: true },
  // s6-overlay starts as root and switches to the uid and gid given in PUID/PGID.
  linuxserver: {
    label: 'linuxserver.io images',
    ownUser: 'linuxserver.io images switch to the uid and gid given in PUID and PGID themselves',
    runsAsNonRoot: false,
  },
};

/**
 * Official base images that run as root unless a Dockerfile sets USER: a
 * stage built on one of them without USER runs as root.
 */
const ROOT_BASES = new Set([
  'scratch',
  'alpine',
  'busybox',
  'debian',
  'ubuntu',
  'centos',
  'fedora',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'python',
  'node',
  'golang',
  'rust',
  'ruby',
  'php',
  'perl',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'maven',
  'gradle',
  'dotnet/sdk',
  'dotnet/aspnet',
  'dotnet/runtime',
  'elixir',
  'erlang',
  'haskell',
  'swift',
  'gcc',
  'buildpack-deps',
]);

/** Repository and tag of an image reference; Compose `${VAR:-default}` resolves to its default, a runtime-only value to nothing. */
function referenceOf(image: string): { repository: string; tag: string | undefined } | undefined {
  if (image.trim() === 'scratch') return { repository: 'scratch', tag: undefined };
  const resolved = interpolate(image);
  if (resolved.runtimeOnly) return undefined;
  const reference = parseImageReference(resolved.value);
  return reference && { repository: reference.repository.replace(/^library\//, ''), tag: reference.tag };
}

/** The major version a tag starts with (`10.6.4-focal` → 10); undefined for `latest`, `alpine` … */
function majorVersion(tag: string | undefined): number | undefined {
  const match = tag === undefined ? null : /^v?(\d+)(?:[.-]|$)/.exec(tag);
  return match ? Number(match[1]) : undefined;
}

/** The key a repository is known by: its last two path segments (`mssql/server`) or its last one (`postgres`). */
function keyIn(known: { has(key: string): boolean }, repository: string): string | undefined {
  const segments = repository.split('/');
  return [segments.slice(-2).join('/'), segments.at(-1)!].find((key) => known.has(key));
}

const IMAGE_KEYS = new Set(Object.keys(IMAGES));

/** The well-known image behind a reference, if it is one; `name` is how messages call it. */
export function wellKnownImage(image: string | undefined): (WellKnownImage & { name: string }) | undefined {
  const reference = image === undefined ? undefined : referenceOf(image);
  if (!reference) return undefined;
  const { repository } = reference;
  const publisher = Object.hasOwn(PUBLISHERS, repository.split('/')[0]!) ? PUBLISHERS[repository.split('/')[0]!] : undefined;
  const key = keyIn(IMAGE_KEYS, repository);
  if (key === undefined) {
    return publisher && { ownUser: publisher.ownUser, runsAsNonRoot: publisher.runsAsNonRoot, stateful: false, name: repository };
  }
  const { olderProbe, ...known } = IMAGES[key]!;
  const major = majorVersion(reference.tag);
  const probe = olderProbe && major !== undefined && major < olderProbe.before ? olderProbe.probe : known.probe;
  const user = publisher ? { ownUser: publisher.ownUser, runsAsNonRoot: publisher.runsAsNonRoot } : {};
  return { ...known, ...user, probe, name: key };
}

/** Whether an image is an official base that runs as root when no USER is set on top of it. */
export function isRootBaseImage(image: string): boolean {
  const repository = referenceOf(image)?.repository;
  return repository !== undefined && keyIn(ROOT_BASES, repository) !== undefined;
}

/** `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** For the rule pages: the images (and publishers) that match, as `postgres, mysql, … and linuxserver.io images`. */
export function describeWellKnownImages(matches: (image: WellKnownImage) => boolean): string {
  const images = Object.entries(IMAGES)
    .filter(([, image]) => matches(image))
    .map(([name]) => name);
  const publishers = Object.values(PUBLISHERS)
    .filter((publisher) => matches({ ...publisher, stateful: false }))
    .map((publisher) => publisher.label);
  return listed([...images, ...publishers]);
}

/** For PL203's page: each probe client and the images that use it, as "`pg_isready` (postgres, postgis, timescaledb)". */
export function describeProbes(): string {
  const byClient = new Map<string, string[]>();
  const add = (probe: readonly string[] | undefined, name: string) => {
    const client = probe?.[0] === 'CMD-SHELL' ? probe[1]!.split(' ')[0]! : probe?.[1];
    if (client !== undefined) addToGroup(byClient, client, name);
  };
  for (const [name, image] of Object.entries(IMAGES)) {
    add(image.probe, image.olderProbe ? `${name} ${image.olderProbe.before} and later` : name);
    if (image.olderProbe) add(image.olderProbe.probe, `${name} before ${image.olderProbe.before}`);
  }
  return listed([...byClient].map(([client, names]) => `\`${client}\` (${[...new Set(names)].join(', ')})`));
}
