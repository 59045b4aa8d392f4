import { defineRule } from '../../engine/rule';
import { DEFAULT_FLOATING_TAGS, imagePinningProblem, parseImageReference, type ImageReference } from '../../languages/imageReference';

function advice(problem: string, reference: ImageReference): string {
  const name = reference.registry === undefined ? reference.repository : `${reference.registry}/${reference.repository}`;
  return problem === 'is not pinned by digest'
    ? 'append the @sha256 digest of the image you tested'
    : `pin a version tag (${name}:<version>) so every rebuild starts from the same base`;
}

export const pinnedBaseImage = defineRule({
  meta: {
    code: 'PL102',
    name: 'docker/pinned-base-image',
    summary: '`FROM` without a tag, or with a floating tag such as `latest`.',
    severity: 'warning',
    peerCodes: ['DL3006', 'DL3007'],
    policy: 'Containers are built from pinned images.',
    fixable: 'no',
    kinds: ['dockerfile'],
    options: {
      requireDigest: {
        type: 'boolean',
        default: false,
        description: 'Also report tagged images that are not pinned by `@sha256:` digest.',
      },
      floatingTags: {
        type: 'string[]',
        default: DEFAULT_FLOATING_TAGS,
        description:
          'Tags that move to new images over time. A tag also floats when its first dash-separated part is one of them (`lts-alpine`, `stable-slim`), unless a later part is a version, a date or a commit hash (`stable-20241016-slim` and `master-c3235cd` are snapshots).',
      },
    },
    docs: {
      language: 'dockerfile',
      rationale:
        'An untagged or floating base image changes under you: the same Dockerfile builds a different image next week, a rollback rebuilds something that was never tested, and a broken upstream release reaches production without a code change. A version tag makes the base an explicit, reviewable choice; a digest (`requireDigest: true`) makes it immutable. Global `ARG` defaults are substituted first, so `ARG BASE=debian:12.6-slim` + `FROM ${BASE}` is pinned and `ARG TAG=latest` + `FROM nginx:${TAG}` is not; an ARG without a default is only known at build time and is not judged. `FROM <stage>` and `FROM scratch` name no image to pin.',
      bad: `ARG PYTHON_TAG=latest
FROM python:\${PYTHON_TAG} AS build
FROM nginx
`,
      good: `ARG PYTHON_TAG=3.12.7-slim
FROM python:\${PYTHON_TAG} AS build
FROM nginx:1.27.3-alpine
`,
      peers:
        'hadolint DL3006 (untagged image) and DL3007 (`latest`) cover the two basic cases. PL102 also resolves global ARG defaults before judging, knows a configurable list of floating tags (`stable`, `lts`, `edge`, `nightly`, `current`, `mainline`, … and their suffixed forms such as `lts-alpine`), and can require a digest. The same judgement (`imagePinningProblem`) drives PL201 for Compose `image:`.',
    },
  },
  check(context) {
    const options = { floatingTags: context.options.floatingTags, requireDigest: context.options.requireDigest };
    for (const stage of context.parsed.stages) {
      if (stage.parent || stage.isScratch || !stage.imageRange || stage.resolvedImage === undefined) continue;
      const reference = parseImageReference(stage.resolvedImage);
      if (!reference) continue;
      const problem = imagePinningProblem(reference, options);
      if (!problem) continue;
      const written = stage.imageText ?? stage.resolvedImage;
      const subject = written === stage.resolvedImage ? `"${written}"` : `"${written}" (resolves to "${stage.resolvedImage}")`;
      context.report({ message: `Base image ${subject} ${problem}; ${advice(problem, reference)}.`, range: stage.imageRange });
    }
  },
});
