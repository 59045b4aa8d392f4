/**
 * Image references (`[registry/]repository[:tag][@digest]`) and whether they
 * are pinned. Shared by PL102 (Dockerfile FROM) and PL201 (Compose `image:`).
 */

export interface ImageReference {
  /** The reference as given. */
  text: string;
  /** The registry host (with port), when the reference names one. */
  registry?: string;
  /** The repository path without registry, e.g. `library/python` or `python`. */
  repository: string;
  tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  digest?: string;
}

/**
 * Tags that move to new images over time. Beyond `latest`: the release
 * channels that official images publish (`stable`, `mainline` for nginx,
 * `lts`/`current` for node, `edge` for alpine, `testing`/`unstable` for
 * debian, `rolling`/`devel` for ubuntu), `nightly`, and the branch tags that
 * CI pipelines push (`main`, `master`).
 */
export const DEFAULT_FLOATING_TAGS: readonly string[] = [
  'latest',
  'stable',
  'lts',
  'edge',
  'nightly',
  'current',
  'mainline',
  'rolling',
  'testing',
  'unstable',
  'devel',
  'main',
  'master',
];

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || /[A-Z]/.test(component);
}

/** Parses a reference; undefined when it is not a valid image reference (e.g. contains `$`). */
export function parseImageReference(text: string): ImageReference | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || /\s|\$/.test(trimmed)) return undefined;
  let rest = trimmed;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0 && isRegistryHost(rest.slice(0, firstSlash))) {
    registry = rest.slice(0, firstSlash);
    rest = rest.slice(firstSlash + 1);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  if (rest === '' || !rest.split('/').every((component) => PATH_COMPONENT.test(component))) return undefined;
  const reference: ImageReference = { text: trimmed, repository: rest };
  if (registry !== undefined) reference.registry = registry;
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return reference;
}

/** An abbreviated or full git commit hash: 7 to 40 hex digits, at least one a decimal digit (so `defaced` is a word). */
const COMMIT_HASH = /^(?=[a-f]*\d)[\da-f]{7,40}$/;

/**
 * The floating tag a tag is, or starts with (`lts-alpine` floats with `lts`),
 * if any. A later part that is a version, a date or a commit hash pins it
 * again: `stable-20241016-slim`, `nightly-2024-10-16` and `master-c3235cd`
 * (a branch's build at one commit) are snapshots.
 */
function floatingTagOf(tag: string, floatingTags: readonly string[]): string | undefined {
  const lower = tag.toLowerCase();
  const [channel, ...rest] = lower.split('-');
  if (rest.some((part) => /^\d+(?:\.\d+)*$/.test(part) || COMMIT_HASH.test(part))) return undefined;
  return floatingTags.find((floating) => {
    const candidate = floating.toLowerCase();
    return candidate === lower || candidate === channel;
  });
}

/**
 * What keeps the reference from being pinned, as a fragment that completes
 * "Image "x" …": `has no tag`, `uses the floating tag "latest"`,
 * `is not pinned by digest`. Undefined when it is pinned. A digest pins the
 * image whatever the tag says.
 */
export function imagePinningProblem(ref: ImageReference, options: { floatingTags: readonly string[]; requireDigest: boolean }): string | undefined {
  if (ref.digest) return undefined;
  if (ref.tag === undefined) return 'has no tag';
  const floating = floatingTagOf(ref.tag, options.floatingTags);
  if (floating !== undefined) {
    return floating.toLowerCase() === ref.tag.toLowerCase()
      ? `uses the floating tag "${ref.tag}"`
      : `uses the floating tag "${ref.tag}" (it follows "${floating}")`;
  }
  if (options.requireDigest) return 'is not pinned by digest';
  return undefined;
}
