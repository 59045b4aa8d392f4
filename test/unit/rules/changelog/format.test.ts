import * as fs from 'node:fs';
import * as path from 'node:path';
import { changelogFormat } from '../../../../server/src/rules/changelog/format';
import { fixture, testRule } from '../../../helpers/ruleTester';

/** Shaped like a changelog that a release tool writes: undated versions, emoji section names, no Unreleased. */
const RELEASE_TOOL_CHANGELOG = [
  '# Changelog',
  '',
  '## 3.1.0',
  '',
  '### Features 🚀',
  '',
  '- Stream uploads by @dana in [#210](https://example.com/pull/210)',
  '',
  '### Bug Fixes 🐞',
  '',
  '- Retry on timeouts by @lee in [#207](https://example.com/pull/207)',
  '',
  '## 3.0.0',
  '',
  '### Chores 🧹',
  '',
  '- Bump the base image by @bot in [#199](https://example.com/pull/199)',
  '',
  '## 2.9.0',
  '',
  '### Features 🚀',
  '',
  '- Tag images by date by @dana in [#180](https://example.com/pull/180)',
  '',
  '### Bug Fixes 🐞',
  '',
  '- Keep file modes on copy by @lee in [#177](https://example.com/pull/177)',
  '',
].join('\n');

/**
 * Shaped like a changelog that conventional-changelog (lerna, standard-version)
 * writes: minor releases as "#" headings, versions linked inline to a compare
 * URL, the date in parentheses, commit-type sections.
 */
const CONVENTIONAL_CHANGELOG = [
  '# Change Log',
  '',
  'Generated from the commit history.',
  '',
  '## [2.4.1](https://example.com/kiln/compare/v2.4.0...v2.4.1) (2026-03-02)',
  '',
  '### Bug Fixes',
  '',
  '* keep glaze presets on reload ([a1b2c3d](https://example.com/kiln/commit/a1b2c3d))',
  '',
  '# [2.4.0](https://example.com/kiln/compare/v2.3.0...v2.4.0) (2026-02-11)',
  '',
  '### Features',
  '',
  '* schedule firings by the hour ([e4f5a6b](https://example.com/kiln/commit/e4f5a6b))',
  '',
  '# [2.3.0](https://example.com/kiln/compare/v2.2.0...v2.3.0) (2026-01-20)',
  '',
  '### Bug Fixes',
  '',
  '* round cone numbers down ([c7d8e9f](https://example.com/kiln/commit/c7d8e9f))',
  '',
  '**Note:** Version bump only for the kiln-cli package',
  '',
].join('\n');

const changelogFixtures = fs.readdirSync(path.join(__dirname, '../../../fixtures/markdown/changelogs')).sort();

testRule(changelogFormat, {
  valid: [
    ...changelogFixtures.map((name) => ({ name: `fixture ${name}`, filename: 'CHANGELOG.md', code: fixture(`markdown/changelogs/${name}`) })),
    { name: 'other Markdown files are not changelogs', filename: 'docs/guide.md', code: '## 9.9 - whenever\n\n### Improvements\n' },
    { name: 'a nested service changelog', filename: 'services/api/CHANGELOG.md', code: '# Changelog\n\n## [Unreleased]\n' },
    {
      name: 'a version linked inline to its compare URL, dated in parentheses',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.0.1](https://example.com/compare/v1.0.0...v1.0.1) (2026-02-01)\n\n### Fixed\n\n- Crash on start.\n\n## [1.0.0] - 2026-01-02\n\n### Added\n\n- First release.\n\n[Unreleased]: https://example.com/compare/v1.0.1...HEAD\n[1.0.0]: https://example.com/releases/tag/v1.0.0\n',
    },
    {
      name: "a product's name before each version",
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## ledger-api 2.1.0 - 2026-02-01\n\n### Fixed\n\n- Totals.\n\n## ledger-api 2.0.0 - 2026-01-02\n\n### Added\n\n- Export.\n',
    },
    {
      name: 'a release dated "Unreleased" is the Unreleased section',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## 2.2.0 - Unreleased\n\n### Added\n\n- Audit log.\n\n## 2.1.0 - 2026-02-01\n\n### Fixed\n\n- Totals.\n',
    },
    {
      name: 'or "[Unreleased]" after the version',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## 2.2.0 [Unreleased]\n\n### Added\n\n- Audit log.\n\n## 2.1.0 - 2026-02-01\n\n### Fixed\n\n- Totals.\n',
    },
    {
      name: 'PEP 440 development releases are versions, below the pre-releases of theirs',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## 0.13.0rc1 - 2026-03-01\n\n### Fixed\n\n- Totals.\n\n## 0.13.0.dev1 - 2026-02-01\n\n### Added\n\n- Streams.\n\n## 0.13.0.dev0 - 2026-01-02\n\n### Added\n\n- Export.\n',
    },
    {
      name: 'a Markdown suppression comment silences the next line',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n<!-- plumbline: disable-next-line PL401 -->\n### Improvements\n\n- Faster.\n',
    },
  ],
  invalid: [
    {
      name: 'a heading without a space after its "#" signs is text: the line is reported, not what it does to the releases',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n### Fixed\n\n- Totals.\n\n##[1.0.0] - 2026-01-02\n\n### Added\n\n- Export.\n',
      errors: [{ line: 11, column: 1, endColumn: 3, message: 'This line is text, not a heading: CommonMark needs a space after "##".' }],
      output: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n### Fixed\n\n- Totals.\n\n## [1.0.0] - 2026-01-02\n\n### Added\n\n- Export.\n',
    },
    {
      name: 'a change type written "##" is a section of its release, not a version "Added" listed twice',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n## Added\n\n- Streams.\n\n## [1.0.0] - 2026-01-02\n\n## Added\n\n- Export.\n',
      errors: [
        { line: 7, column: 4, endColumn: 9, message: 'Section "Added" of 1.1.0 is a "##" heading, the level of a release; make it "###".' },
        { line: 13, column: 4, endColumn: 9, message: 'Section "Added" of 1.0.0 is a "##" heading, the level of a release; make it "###".' },
      ],
      output: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n### Added\n\n- Streams.\n\n## [1.0.0] - 2026-01-02\n\n### Added\n\n- Export.\n',
    },
    {
      name: 'a release written "###" beside its "###" change types is a release, not an empty section',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n### Fixed\n\n- Totals.\n\n### [1.0.0] - 2026-01-02\n### Added\n- Export.\n',
      errors: [
        {
          line: 11,
          column: 6,
          endColumn: 11,
          message: 'Release 1.0.0 is a "###" heading, the level of its change types; make it "##" so it is a release of its own.',
        },
      ],
      output: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n### Fixed\n\n- Totals.\n\n## [1.0.0] - 2026-01-02\n### Added\n- Export.\n',
    },
    {
      name: 'a version written "###" with "####" change types under it is no release written too deep',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n### 1.1.0-rc.1\n\n#### Added\n\n- Export.\n',
      errors: [{ line: 7, column: 5, message: /^Unknown section "1.1.0-rc.1" under 1.1.0/ }],
    },
    {
      name: "a changelog in a release tool's convention is reported once, not per heading",
      filename: 'CHANGELOG.md',
      code: RELEASE_TOOL_CHANGELOG,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 12,
          message:
            'This changelog follows another convention than Keep a Changelog: 3 of 3 releases have no date; 5 of 5 sections are not one of Added/Changed/Deprecated/Removed/Fixed/Security ("Features 🚀", "Bug Fixes 🐞", "Chores 🧹"); there is no "## [Unreleased]" section. Reported once for the file: convert it to Keep a Changelog, or turn PL401 off for it when a release tool writes it.',
        },
      ],
    },
    {
      name: 'a conventional-changelog file ("#" minor releases, linked versions) is reported once, not per heading',
      filename: 'CHANGELOG.md',
      code: CONVENTIONAL_CHANGELOG,
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 13,
          message:
            'This changelog follows another convention than Keep a Changelog: 3 of 3 sections are not one of Added/Changed/Deprecated/Removed/Fixed/Security ("Bug Fixes", "Features"); 2 of 3 releases are "#" headings; there is no "## [Unreleased]" section. Reported once for the file: convert it to Keep a Changelog, or turn PL401 off for it when a release tool writes it.',
        },
      ],
    },
    {
      name: 'dates written one other way throughout are one finding, not one per release',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## 0.9.2 (6th March, 2026)\n\n### Fixed\n\n- Retries.\n\n## 0.9.1 (2nd February, 2026)\n\n### Fixed\n\n- Totals.\n\n## 0.9.0 (5th January, 2026)\n\n### Added\n\n- Export.\n',
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'This changelog follows another convention than Keep a Changelog: 3 of 3 dates are not written " - YYYY-MM-DD" ("(6th March, 2026)"). Reported once for the file: convert it to Keep a Changelog, or turn PL401 off for it when a release tool writes it.',
        },
      ],
    },
    {
      name: 'the sections of the Unreleased release show the convention too, when it is all there is',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n# 4.0.0 [Unreleased]\n\n### Breaking changes\n\n- Drop v1 tokens.\n\n### Webhooks\n\n- Retry with backoff.\n\n### Other changes\n\n- Faster exports.\n',
      errors: [{ line: 1, column: 1, message: /^This changelog follows another convention than Keep a Changelog: 3 of 3 sections are not one of/ }],
    },
    {
      name: 'so are versions that are not SemVer throughout',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## v4.4-dev - Unreleased\n\n### Added\n\n- Audit log.\n\n## v4.3 - 2026-03-01\n\n### Fixed\n\n- Retries.\n\n## v4.2 - 2026-02-01\n\n### Fixed\n\n- Totals.\n\n## v4.1 - 2026-01-02\n\n### Added\n\n- Export.\n',
      errors: [
        {
          line: 1,
          column: 1,
          message:
            'This changelog follows another convention than Keep a Changelog: 3 of 3 versions are not SemVer ("v4.3"). Reported once for the file: convert it to Keep a Changelog, or turn PL401 off for it when a release tool writes it.',
        },
      ],
    },
    {
      name: 'one "#" release in a Keep a Changelog file is a slip, reported where it is',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n# [1.1.0](https://example.com/compare/v1.0.0...v1.1.0) (2026-02-01)\n\n### Added\n\n- Export.\n\n## [1.0.0] - 2026-01-02\n\n### Added\n\n- First release.\n',
      errors: [{ line: 5, column: 1, message: 'A changelog has one H1 title; make this heading a "##" release or "###" section.' }],
    },
    {
      name: 'problems the convention does not explain are still reported on their own',
      filename: 'CHANGELOG.md',
      code: RELEASE_TOOL_CHANGELOG.replace('## 3.1.0', '## 3.0.0'),
      errors: [
        { line: 1, column: 1, message: /^This changelog follows another convention than Keep a Changelog: 3 of 3 releases have no date;/ },
        { line: 13, column: 4, endColumn: 9, message: 'Version 3.0.0 is listed twice (first on line 3); merge the two sections.' },
      ],
    },
    {
      name: 'one odd section in a Keep a Changelog file is a slip, reported where it is',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-02-01\n\n### Added\n\n- Export.\n\n### Improvements\n\n- Faster.\n\n## [1.0.0] - 2026-01-02\n\n### Added\n\n- First release.\n',
      errors: [
        {
          line: 11,
          column: 5,
          endColumn: 17,
          message: 'Unknown section "Improvements" under 1.1.0; Keep a Changelog uses Added, Changed, Deprecated, Removed, Fixed, Security.',
        },
      ],
    },
    {
      name: "a team's own section in several releases is one finding, on its newest use, whatever version it links",
      filename: 'CHANGELOG.md',
      code: [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '## [1.2.0] - 2026-03-01',
        '',
        '### Fixed',
        '',
        '- Retry.',
        '',
        '### Docs',
        '',
        '- Guide.',
        '',
        '### core ([1.4.0](https://example.com/core/1.4.0))',
        '',
        '- Bump.',
        '',
        '### Added',
        '',
        '- Export.',
        '',
        '## [1.1.0] - 2026-02-01',
        '',
        '### Docs',
        '',
        '- FAQ.',
        '',
        '### core ([1.3.0](https://example.com/core/1.3.0))',
        '',
        '- Bump.',
        '',
        '### Fixed',
        '',
        '- Crash.',
        '',
        '### Security',
        '',
        '- Token check.',
        '',
        '## [1.0.0] - 2026-01-02',
        '',
        '### Added',
        '',
        '- First release.',
        '',
        '### Docs',
        '',
        '- Readme.',
        '',
      ].join('\n'),
      errors: [
        {
          line: 11,
          column: 5,
          endColumn: 9,
          message: 'Unknown section "Docs" under 1.2.0 (and 2 more times below); Keep a Changelog uses Added, Changed, Deprecated, Removed, Fixed, Security.',
        },
        {
          line: 15,
          column: 5,
          message:
            'Unknown section "core ([1.4.0](https://example.com/core/1.4.0))" under 1.2.0 (and 1 more time below); Keep a Changelog uses Added, Changed, Deprecated, Removed, Fixed, Security.',
        },
      ],
    },
    {
      name: 'missing title, fixed by adding "# Changelog"',
      filename: 'CHANGELOG.md',
      code: '## [Unreleased]\n',
      errors: [{ line: 1, column: 1, endColumn: 16, message: 'The changelog has no H1 title; start the file with "# Changelog".' }],
      output: '# Changelog\n\n## [Unreleased]\n',
    },
    {
      name: 'a second H1',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n# Older history\n',
      errors: [{ line: 5, column: 1, endColumn: 16, message: 'A changelog has one H1 title; make this heading a "##" release or "###" section.' }],
    },
    {
      name: 'missing Unreleased is added above the newest release',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [1.0.0] - 2026-01-02\n\n### Added\n\n- First release.\n',
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 24,
          message: 'The changelog has no "## [Unreleased]" section; add it above the newest release to collect upcoming changes.',
        },
      ],
      output: '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-02\n\n### Added\n\n- First release.\n',
    },
    {
      name: 'missing Unreleased in a changelog with only a title',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n',
      errors: [{ line: 1, column: 1, message: /no "## \[Unreleased\]" section/ }],
      output: '# Changelog\n\n## [Unreleased]\n',
    },
    {
      name: 'Unreleased below a release',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## 1.0.0 - 2026-01-02\n\n- x\n\n## Unreleased\n',
      errors: [{ line: 7, column: 4, endColumn: 14, message: '"Unreleased" must be the first section, above 1.0.0; move it to the top.' }],
    },
    {
      name: 'versions out of order, duplicated, not SemVer',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## Unreleased\n\n## 1.0.0 - 2026-01-02\n\n## 1.0.0-rc.1 - 2025-12-01\n\n## 1.1.0 - 2025-11-01\n\n## 1.0.0 - 2025-10-01\n\n## 0.9 - 2025-09-01\n',
      errors: [
        { line: 9, column: 4, endColumn: 9, message: 'Version 1.1.0 is listed below the older 1.0.0-rc.1; list versions newest first.' },
        { line: 11, column: 4, endColumn: 9, message: 'Version 1.0.0 is listed twice (first on line 5); merge the two sections.' },
        { line: 13, column: 4, endColumn: 7, message: '"0.9" is not a SemVer version (MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1).' },
      ],
    },
    {
      name: "a Python package's PEP 440 pre-releases are versions, ordered as Python orders them",
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## Unreleased\n\n## 1.2.0 - 2026-03-01\n\n## 1.2.0rc1 - 2026-02-20\n\n## 1.2.0a2 - 2026-02-10\n\n## 1.2.0b1 - 2026-02-01\n\n## 1.2.0c1 - 2026-01-20\n',
      errors: [
        { line: 11, column: 4, endColumn: 11, message: 'Version 1.2.0b1 is listed below the older 1.2.0a2; list versions newest first.' },
        { line: 13, column: 4, endColumn: 11, message: '"1.2.0c1" is not a SemVer version (MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1).' },
      ],
    },
    {
      name: 'invalid, missing and malformed dates',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.3.0] - 2026-13-01\n\n## [1.2.0] - 2026-02-30\n\n## [1.1.0]\n\n## [1.0.0] released on 1 May\n',
      errors: [
        { line: 5, column: 14, endColumn: 24, message: 'Release date "2026-13-01" is not a valid YYYY-MM-DD date.' },
        { line: 7, column: 14, endColumn: 24, message: 'Release date "2026-02-30" is not a valid YYYY-MM-DD date.' },
        { line: 9, column: 5, endColumn: 10, message: 'Version 1.1.0 has no release date; write the heading as "## [1.1.0] - YYYY-MM-DD".' },
        { line: 11, column: 12, endColumn: 29, message: 'Write the release date as " - YYYY-MM-DD" after the version, not "released on 1 May".' },
      ],
    },
    {
      name: 'unknown and empty sections',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n### Improvements\n\n- Faster.\n\n### Added\n\n## [1.0.0] - 2026-01-02\n\n### Fixed\n',
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 17,
          message: 'Unknown section "Improvements" under Unreleased; Keep a Changelog uses Added, Changed, Deprecated, Removed, Fixed, Security.',
        },
        { line: 9, column: 5, endColumn: 10, message: 'The "Added" section of Unreleased is empty; add entries or remove the heading.' },
        { line: 13, column: 5, endColumn: 10, message: 'The "Fixed" section of 1.0.0 is empty; add entries or remove the heading.' },
      ],
    },
    {
      name: 'section name case is normalised',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n### fixed\n\n- Crash.\n\n### SECURITY\n\n- Patched.\n',
      errors: [
        { line: 5, column: 5, endColumn: 10, message: 'Write the section name as "Fixed".' },
        { line: 9, column: 5, endColumn: 13, message: 'Write the section name as "Security".' },
      ],
      output: '# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- Crash.\n\n### Security\n\n- Patched.\n',
    },
    {
      name: 'missing link reference is added from the compare pattern, keeping the tag prefix',
      filename: 'CHANGELOG.md',
      code:
        '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-01-02\n\n- x\n\n## [1.0.0] - 2025-12-01\n\n- y\n\n' +
        '[unreleased]: https://github.com/acme/api/compare/v1.1.0...HEAD\n[1.0.0]: https://github.com/acme/api/releases/tag/v1.0.0\n',
      errors: [{ line: 5, column: 5, endColumn: 10, message: '[1.1.0] has no link reference; add "[1.1.0]: <url>" at the bottom.' }],
      suggestions: [[{ title: 'Add the link reference [1.1.0]' }]],
      output:
        '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-01-02\n\n- x\n\n## [1.0.0] - 2025-12-01\n\n- y\n\n' +
        '[unreleased]: https://github.com/acme/api/compare/v1.1.0...HEAD\n[1.1.0]: https://github.com/acme/api/compare/v1.0.0...v1.1.0\n[1.0.0]: https://github.com/acme/api/releases/tag/v1.0.0\n',
    },
    {
      name: 'missing Unreleased link reference is added after the others',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-01-02\n\n- x\n\n## [1.0.0] - 2025-12-01\n\n- y\n\n[1.1.0]: https://git.example.com/api/compare/1.0.0..1.1.0\n[1.0.0]: https://git.example.com/api/tags/1.0.0',
      errors: [{ line: 3, column: 5, endColumn: 15, message: '[Unreleased] has no link reference; add "[Unreleased]: <url>" at the bottom.' }],
      output:
        '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-01-02\n\n- x\n\n## [1.0.0] - 2025-12-01\n\n- y\n\n[Unreleased]: https://git.example.com/api/compare/1.1.0..HEAD\n[1.1.0]: https://git.example.com/api/compare/1.0.0..1.1.0\n[1.0.0]: https://git.example.com/api/tags/1.0.0',
    },
    {
      name: 'unused link reference',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n[unreleased]: https://github.com/acme/api/compare/v1.0.0...HEAD\n[0.9.0]: https://github.com/acme/api/releases/tag/v0.9.0\n',
      errors: [{ line: 6, column: 1, endColumn: 8, message: 'Link reference [0.9.0] is not used; remove it or add the release it points to.' }],
    },
    {
      name: 'missing link reference without a pattern to copy has no fix',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2025-12-01\n\n- y\n\n[unreleased]: https://example.com/changes\n',
      errors: [{ line: 5, column: 5, message: '[1.0.0] has no link reference; add "[1.0.0]: <url>" at the bottom.' }],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'entry timestamps must be UTC ISO 8601',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- A (2026-01-31 14:05)\n- B (2026-01-31T14:05+02:00)\n- C (2026-01-31T14:05)\n- D (2026-01-31T25:05Z)\n- E (2026-01-31T14:05Z)\n',
      errors: [
        {
          line: 7,
          column: 6,
          endColumn: 22,
          message: 'Timestamp "2026-01-31 14:05" is not UTC ISO 8601; write it as YYYY-MM-DDTHH:MMZ (e.g. 2026-01-31T14:05Z).',
        },
        { line: 8, column: 6, endColumn: 28, message: /^Timestamp "2026-01-31T14:05\+02:00"/ },
        { line: 9, column: 6, endColumn: 22, message: /^Timestamp "2026-01-31T14:05"/ },
        { line: 10, column: 6, endColumn: 23, message: /^Timestamp "2026-01-31T25:05Z"/ },
      ],
    },
    {
      name: 'headings inside fences do not hide a real problem',
      filename: 'CHANGELOG.md',
      code: '# Changelog\n\n```\n## [Unreleased]\n```\n\n## [1.0.0] - 2026-01-02\n\n- x\n',
      errors: [{ line: 7, column: 1, message: /no "## \[Unreleased\]" section/ }],
      output: '# Changelog\n\n```\n## [Unreleased]\n```\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-02\n\n- x\n',
    },
    {
      name: 'empty file',
      filename: 'CHANGELOG.md',
      code: '',
      errors: [
        { line: 1, column: 1, message: 'The changelog has no H1 title; start the file with "# Changelog".' },
        { line: 1, column: 1, message: /no "## \[Unreleased\]" section/ },
      ],
      output: '# Changelog\n\n## [Unreleased]\n\n',
    },
  ],
});
