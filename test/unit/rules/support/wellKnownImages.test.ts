import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRootBaseImage, wellKnownImage } from '../../../../server/src/rules/support/wellKnownImages';

describe('well-known images shared by PL101, PL202, PL203 and PL204', () => {
  it('finds an image whatever its registry, publisher, tag or digest', () => {
    for (const [image, name] of [
      ['postgres:16.4', 'postgres'],
      ['docker.io/library/postgres:16.4@sha256:' + 'a'.repeat(64), 'postgres'],
      ['postgis/postgis:16-3.4', 'postgis'],
      ['mcr.microsoft.com/mssql/server:2022-latest', 'mssql/server'],
      ['quay.io/keycloak/keycloak:26.0.5', 'keycloak'],
      ['${DB_IMAGE:-mariadb:11.4}', 'mariadb'],
    ]) {
      assert.equal(wellKnownImage(image)?.name, name, image);
    }
    for (const image of ['python:3.12.7-slim', 'registry.example.com/api:1.0.0', '${DB_IMAGE}', undefined]) {
      assert.equal(wellKnownImage(image), undefined, String(image));
    }
  });

  it('tells an image whose own USER is non-root from one that drops privileges itself', () => {
    assert.equal(wellKnownImage('grafana/grafana:11.3.0')?.runsAsNonRoot, true);
    assert.equal(wellKnownImage('nginxinc/nginx-unprivileged:1.27.3')?.runsAsNonRoot, true);
    assert.equal(wellKnownImage('postgres:16.4')?.runsAsNonRoot, false);
    assert.equal(wellKnownImage('nginx:1.27.3')?.runsAsNonRoot, false);
  });

  it('a publisher decides the user; the image still decides the probe and whether it is stateful', () => {
    assert.deepEqual(wellKnownImage('bitnami/redis:7.4.1'), {
      name: 'redis',
      ownUser: 'bitnami images run as the non-root uid 1001',
      runsAsNonRoot: true,
      probe: ['CMD', 'redis-cli', 'ping'],
      stateful: true,
    });
    assert.deepEqual(wellKnownImage('lscr.io/linuxserver/plex:1.41.2'), {
      name: 'linuxserver/plex',
      ownUser: 'linuxserver.io images switch to the uid and gid given in PUID and PGID themselves',
      runsAsNonRoot: false,
      stateful: false,
    });
  });

  it('picks the probe of the major version', () => {
    assert.deepEqual(wellKnownImage('mongo:4.4.29')?.probe, ['CMD', 'mongo', '--quiet', '--eval', "db.adminCommand('ping')"]);
    assert.deepEqual(wellKnownImage('mongo:7.0.14')?.probe, ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"]);
    assert.deepEqual(wellKnownImage('mongo')?.probe, ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"]);
  });

  it('official bases that run as root', () => {
    for (const image of ['python:3.12.7-slim', 'scratch', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'library/debian:12.7'])
      assert.equal(isRootBaseImage(image), true, image);
    for (const image of ['postgres:16.4', 'gcr.io/distroless/static-debian12:nonroot', '${BASE}']) assert.equal(isRootBaseImage(image), false, image);
  });
});
