import type { SeededRandom } from '../lib/inputs';

const SECTIONS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];
const ENTRIES = [
  'Retry idempotent requests to the billing API with jittered backoff',
  'Expose `/healthz` and `/readyz` endpoints for the orchestrator',
  'Drop support for Python 3.9',
  'Fix a race in the worker shutdown that lost in-flight jobs ([#412](https://example.com/issues/412))',
  'Rotate the signing key without downtime',
  'Upgrade `psycopg` to 3.2 for pipeline mode',
  'Log the request id on every line of the access log',
];

/**
 * A Keep a Changelog file with `releases` versions (newest first), link
 * references, the occasional pre-release and yanked release.
 */
export function generateChangelog(random: SeededRandom, releases: number): string {
  const lines = [
    '# Changelog',
    '',
    'All notable changes to this project are documented in this file.',
    '',
    '## [Unreleased]',
    '',
    '### Added',
    '',
    `- ${random.pick(ENTRIES)}`,
    '',
  ];
  const versions: string[] = [];
  let date = Date.UTC(2026, 10, 1);
  for (let i = 0; i < releases; i++) {
    const major = Math.floor((releases - i) / 20);
    const minor = Math.floor((releases - i) / 4) % 5;
    const patch = (releases - i) % 4;
    const version = `${major}.${minor}.${patch}${i === 0 && random.chance(0.3) ? '-rc.1' : ''}`;
    versions.push(version);
    date -= random.int(3, 40) * 86_400_000;
    const day = new Date(date).toISOString().slice(0, 10);
    lines.push(`## [${version}] - ${day}${random.chance(0.05) ? ' [YANKED]' : ''}`, '');
    for (const section of SECTIONS.filter(() => random.chance(0.45))) {
      lines.push(`### ${section}`, '');
      for (let entry = random.int(1, 4); entry > 0; entry--) lines.push(`- ${random.pick(ENTRIES)}`);
      lines.push('');
    }
  }
  lines.push('[Unreleased]: https://example.com/compare/v' + (versions[0] ?? '0.1.0') + '...HEAD');
  versions.forEach((version, i) => {
    const previous = versions[i + 1];
    lines.push(
      previous ? `[${version}]: https://example.com/compare/v${previous}...v${version}` : `[${version}]: https://example.com/releases/tag/v${version}`,
    );
  });
  return `${lines.join('\n')}\n`;
}
