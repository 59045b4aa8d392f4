import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/engine/edits';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { addChangelogEntry, canonicalSection, changelogTemplate, utcTimestamp, type EntryRequest } from '../../../server/src/workflows/changelog';

const NOW = new Date(Date.UTC(2026, 0, 31, 14, 5, 42));

function add(text: string, request: Partial<EntryRequest> & Pick<EntryRequest, 'section' | 'text'>) {
  const document = new SourceDocument('/w/CHANGELOG.md', text);
  const result = addChangelogEntry(document, { now: NOW, ...request });
  assert.equal(applyEdits(text, [result.edit]), result.text);
  return result;
}

describe('changelog workflows', () => {
  it('formats the timestamp in UTC to the minute', () => {
    assert.equal(utcTimestamp(NOW), '2026-01-31T14:05Z');
  });

  it('accepts section names in any case', () => {
    assert.equal(canonicalSection('fixed'), 'Fixed');
    assert.equal(canonicalSection('Improvements'), undefined);
  });

  it('adds the first entry to a fresh template, with author, and puts the cursor on its text', () => {
    const result = add(changelogTemplate(), { section: 'Fixed', text: 'Crash on empty config', author: 'Jane Doe' });
    assert.equal(result.text, changelogTemplate() + '\n### Fixed\n\n- Crash on empty config (2026-01-31T14:05Z, Jane Doe)\n');
    assert.deepEqual(result.position, { line: 11, character: 2 });
  });

  it('appends to an existing section', () => {
    const text = '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- One\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- Old\n';
    const result = add(text, { section: 'Added', text: 'Two' });
    assert.equal(
      result.text,
      '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- One\n- Two (2026-01-31T14:05Z)\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- Old\n',
    );
    assert.deepEqual(result.position, { line: 7, character: 2 });
  });

  it('creates a missing section in canonical order', () => {
    const text = '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- A\n\n### Fixed\n\n- F\n\n## [1.0.0] - 2026-01-01\n';
    const result = add(text, { section: 'Deprecated', text: 'Old flag' });
    assert.equal(
      result.text,
      '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- A\n\n### Deprecated\n\n- Old flag (2026-01-31T14:05Z)\n\n### Fixed\n\n- F\n\n## [1.0.0] - 2026-01-01\n',
    );
    const security = add(text, { section: 'Security', text: 'Patch' });
    assert.equal(
      security.text,
      '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- A\n\n### Fixed\n\n- F\n\n### Security\n\n- Patch (2026-01-31T14:05Z)\n\n## [1.0.0] - 2026-01-01\n',
    );
  });

  it('adds Unreleased above the newest release when it is missing', () => {
    const result = add('# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- x\n', { section: 'Removed', text: 'Legacy API' });
    assert.equal(result.text, '# Changelog\n\n## [Unreleased]\n\n### Removed\n\n- Legacy API (2026-01-31T14:05Z)\n\n## [1.0.0] - 2026-01-01\n\n- x\n');
  });

  it('fills an empty section heading and keeps CRLF line breaks', () => {
    const text = '# Changelog\r\n\r\n## [Unreleased]\r\n\r\n### Fixed\r\n';
    const result = add(text, { section: 'Fixed', text: 'Bug' });
    assert.equal(result.text, '# Changelog\r\n\r\n## [Unreleased]\r\n\r\n### Fixed\r\n\r\n- Bug (2026-01-31T14:05Z)\r\n');
  });

  it('keeps multi-line input on one entry line', () => {
    const result = add(changelogTemplate(), { section: 'Added', text: '  Two\nlines  ' });
    assert.match(result.text, /- Two lines \(2026-01-31T14:05Z\)\n$/);
  });
});
