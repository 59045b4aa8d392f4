/**
 * Well-known images that manage their own user: their entrypoint starts as
 * root and switches to a dedicated user (postgres, redis, rabbitmq … through
 * gosu/su-exec), the server drops privileges itself (nginx, httpd workers), or
 * the image already sets a non-root USER (grafana, prometheus, elasticsearch).
 * A `USER 10001` added to them breaks startup: the entrypoint can no longer
 * chown its data directory or bind its port, or the uid owns none of its files.
 */
import { parseImageReference } from './imageReference';

/** Official images (Docker Hub `library/`) and their common namespaced forms, by last path segment. */
const OWN_USER_IMAGES = new Set([
  'nginx', 'httpd', 'postgres', 'postgis', 'timescaledb', 'mysql', 'mariadb', 'percona', 'mongo', 'redis', 'valkey',
  'keydb', 'rabbitmq', 'memcached', 'haproxy', 'cassandra', 'couchdb', 'clickhouse-server', 'zookeeper', 'kafka',
  'elasticsearch', 'opensearch', 'kibana', 'logstash', 'grafana', 'prometheus', 'jenkins', 'sonarqube', 'keycloak',
  'nginx-unprivileged',
]);
/** Namespaces whose every image runs as its own non-root user. */
const OWN_USER_NAMESPACES = ['bitnami/'];

/** The image's short name (`postgres` of `docker.io/library/postgres:16`) when it manages its own user. */
export function imageManagingItsOwnUser(image: string | undefined): string | undefined {
  if (image === undefined) return undefined;
  const repository = parseImageReference(image)?.repository;
  if (repository === undefined) return undefined;
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  return OWN_USER_IMAGES.has(name) || OWN_USER_NAMESPACES.some((namespace) => repository.startsWith(namespace)) ? name : undefined;
}
