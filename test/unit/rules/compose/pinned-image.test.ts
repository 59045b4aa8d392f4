import { composePinnedImage } from '../../../../server/src/rules/compose/pinned-image';
import { testRule } from '../../../helpers/ruleTester';

testRule(composePinnedImage, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4\n  cache:\n    image: redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    { name: 'default of an interpolation is pinned', code: 'services:\n  db:\n    image: ${POSTGRES_IMAGE:-postgres:16.4}\n' },
    { name: 'known only at run time', code: 'services:\n  api:\n    image: registry.example.com/api:${API_TAG}\n' },
    { name: 'image names what build: builds', code: 'services:\n  api:\n    build: .\n    image: registry.example.com/api\n' },
    {
      name: 'and so does an image that the override file builds',
      code: 'services:\n  web:\n    image: shop-dev:latest\n',
      files: { 'compose.override.yaml': 'services:\n  web:\n    build:\n      context: .\n' },
    },
    { name: 'registry with a port', code: 'services:\n  api:\n    image: localhost:5000/api:1.2.3\n' },
  ],
  invalid: [
    {
      name: 'a build in another project is no build of this service',
      code: 'services:\n  web:\n    image: shop-dev:latest\n',
      files: { 'other/compose.yaml': 'services:\n  web:\n    build: .\n' },
      errors: [{ line: 3, column: 12, message: /^Image "shop-dev:latest" of service "web"/ }],
    },
    {
      name: 'an overlay that pulls published images is judged though the base file builds them',
      filename: 'docker-compose.images.yml',
      code: 'services:\n  vote:\n    image: example/vote\n',
      files: { 'docker-compose.yml': 'services:\n  vote:\n    build: ./vote\n' },
      errors: [{ line: 3, column: 12, message: /^Image "example\/vote" of service "vote" has no tag/ }],
    },
    {
      name: 'no tag, at the value',
      code: 'services:\n  cache:\n    image: redis\n',
      errors: [
        { line: 3, column: 12, endColumn: 17, message: 'Image "redis" of service "cache" has no tag; pin a version tag so every deploy runs the same image.' },
      ],
    },
    {
      name: 'floating tag from an interpolation default',
      code: 'services:\n  db:\n    image: "${POSTGRES_IMAGE:-postgres:latest}"\n',
      errors: [
        {
          line: 3,
          column: 12,
          message:
            'Image "postgres:latest" (the default of ${POSTGRES_IMAGE:-postgres:latest}) of service "db" uses the floating tag "latest"; pin a version tag so every deploy runs the same image.',
        },
      ],
    },
    {
      name: 'configured floating tags and digests',
      code: 'services:\n  proxy:\n    image: nginx:mainline\n  db:\n    image: postgres:16.4\n',
      options: { floatingTags: ['mainline'], requireDigest: true },
      errors: [
        {
          line: 3,
          column: 12,
          message:
            'Image "nginx:mainline" of service "proxy" uses the floating tag "mainline"; pin a version tag and digest so every deploy runs the same image.',
        },
        {
          line: 5,
          column: 12,
          message: 'Image "postgres:16.4" of service "db" is not pinned by digest; pin a version tag and digest so every deploy runs the same image.',
        },
      ],
    },
  ],
});
