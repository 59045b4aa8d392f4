import { defineRule } from '../../engine/rule';
import { nodeRange, scalarText } from '../../languages/compose';
import { DEFAULT_FLOATING_TAGS, imagePinningProblem, parseImageReference } from '../../languages/imageReference';
import { interpolate } from '../../languages/composeInterpolation';
import { reportOncePerRange } from './support/reportOnce';
import { checkOnce } from './support/memo';
import { mergedByDefault, projectDependencies, projectOf } from './support/project';

export const composePinnedImage = defineRule({
  meta: {
    code: 'PL201',
    name: 'compose/pinned-image',
    summary: '`image:` without a tag or with a floating tag; `${VAR:-default}` is resolved from its default.',
    severity: 'warning',
    policy: 'Containers run from pinned images.',
    fixable: 'no',
    kinds: ['compose'],
    options: {
      floatingTags: { type: 'string[]', default: DEFAULT_FLOATING_TAGS, description: 'Tags that move to new images over time.' },
      requireDigest: { type: 'boolean', default: false, description: 'Also report images that are not pinned by `@sha256:` digest.' },
    },
    docs: {
      language: 'yaml',
      exampleFile: 'compose.yaml',
      rationale:
        "An image without a tag, or with a tag that moves (`latest`, `stable`, `lts` …), is a different image on every pull: yesterday's working stack breaks today without a commit. Pin a version tag (and, with `requireDigest: true`, a digest). Compose files that are test scaffolding (under a test folder, or named `compose.test.yaml`) are judged too, unlike PL202-PL204: a floating tag there makes yesterday's green test run red against whatever was pushed since. `${VAR:-default}` and `${VAR-default}` are judged by their default; a reference that depends on a variable without default is known only at run time and not judged. A service that also has `build:`, in the same file or in the file `docker compose up` merges with it (a `compose.override.yaml` that builds what `compose.yaml` names), names the image it builds, so its `image:` is not judged; a build in another overlay does not count, since an overlay such as `compose.images.yaml` may be the one that pulls published images.",
      bad: `services:
  cache:
    image: redis
  db:
    image: \${POSTGRES_IMAGE:-postgres:latest}
`,
      good: `services:
  cache:
    image: redis:7.4.1-alpine
  db:
    image: \${POSTGRES_IMAGE:-postgres:16.4}
`,
      peers:
        "dclint's service-image-require-explicit-tag flags missing and `latest` tags; it does not resolve `${VAR:-default}` and knows no other floating tags. Plumbline shares the reference parser and floating-tag list with PL102 for Dockerfiles, so both judge images alike.",
    },
  },
  check(context) {
    const project = projectOf(context);
    checkOnce(context, 'PL201', projectDependencies(context, project), (context) => {
      const model = context.parsed;
      const report = reportOncePerRange(context);
      // The image a service builds, in this file or the one `docker compose up` merges with it (compose.override.yaml), is the team's own tag.
      const mergedWith = project.models.filter((each) => each && mergedByDefault(each.document.path, context.document.path));
      const built = new Set([model, ...mergedWith].flatMap((each) => each?.services.filter((s) => s.entries.has('build')).map((s) => s.name) ?? []));
      for (const service of model.services) {
        if (built.has(service.name)) continue;
        const node = service.entries.get('image')?.value;
        const text = scalarText(node, model.yaml);
        if (text === undefined) continue;
        const resolved = interpolate(text);
        if (resolved.runtimeOnly) continue;
        const reference = parseImageReference(resolved.value);
        const problem = reference && imagePinningProblem(reference, context.options);
        if (!problem) continue;
        const shown = resolved.value === text ? `"${text}"` : `"${resolved.value}" (the default of ${text})`;
        report({
          message: `Image ${shown} of service "${service.name}" ${problem}; pin a version tag${context.options.requireDigest ? ' and digest' : ''} so every deploy runs the same image.`,
          range: nodeRange(context.document, node),
        });
      }
    });
  },
});
