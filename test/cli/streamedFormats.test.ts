import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckReport } from '../../server/src/cli/checkRun';
import { inChunks } from '../../server/src/cli/formats';
import { formatJson } from '../../server/src/cli/formats/json';
import { formatSarif } from '../../server/src/cli/formats/sarif';
import { jsonWithStreamedArray, STREAMED_ARRAY } from '../../server/src/cli/formats/streamJson';
import { formatText } from '../../server/src/cli/formats/text';
import type { Diagnostic } from '../../server/src/engine/types';
import { findRule } from '../../server/src/rules';

const joined = (pieces: Iterable<string>) => [...pieces].join('');
const indented = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Replaces the one STREAMED_ARRAY in `skeleton` by `items`: the object the streamed text must print. */
function whole(skeleton: unknown, items: unknown[]): unknown {
  if (skeleton === STREAMED_ARRAY) return items;
  if (Array.isArray(skeleton)) return skeleton.map((value) => whole(value, items));
  if (skeleton && typeof skeleton === 'object') {
    return Object.fromEntries(Object.entries(skeleton).map(([key, value]) => [key, whole(value, items)]));
  }
  return skeleton;
}

const ITEMS: unknown[] = [
  { id: 1, text: 'plain' },
  { text: 'quote " backslash \\ tab \t newline \n nul \u0000 é ✖ 😀 lone \ud800', nested: { list: [1, [2, []], {}], empty: {} } },
  [],
  'a string item',
  42,
  null,
  undefined,
];

describe('jsonWithStreamedArray', () => {
  const cases: Array<[string, unknown, unknown[]]> = [
    ['zero items', { before: 1, items: STREAMED_ARRAY, after: 'x' }, []],
    ['one item', { items: STREAMED_ARRAY }, [{ a: 1 }]],
    ['several items, nested, escapes and unicode', { version: 1, items: STREAMED_ARRAY, tail: ['t'] }, ITEMS],
    ['deep in a SARIF-like log, empty', { $schema: 's', runs: [{ tool: { driver: { rules: [] } }, results: STREAMED_ARRAY, after: { deeper: [] } }] }, []],
    [
      'deep in a SARIF-like log',
      { $schema: 's', runs: [{ tool: { driver: { rules: [{ id: 'R' }] } }, results: STREAMED_ARRAY, after: { deeper: [] } }] },
      ITEMS,
    ],
    ['an array element', { matrix: [[0], STREAMED_ARRAY, [2]] }, ITEMS],
    ['the whole document', STREAMED_ARRAY, ITEMS],
  ];
  for (const [name, skeleton, items] of cases) {
    it(`prints what JSON.stringify(…, null, 2) prints: ${name}`, () => {
      assert.equal(joined(jsonWithStreamedArray(skeleton as object, items)), indented(whole(skeleton, items)));
    });
  }

  it('makes each output item only when it is read', () => {
    const made: number[] = [];
    const pieces = jsonWithStreamedArray({ items: STREAMED_ARRAY }, [1, 2, 3], (n) => (made.push(n), { n }));
    pieces.next();
    assert.deepEqual(made, []);
    pieces.next();
    assert.deepEqual(made, [1]);
    assert.equal(joined(pieces), ',\n    {\n      "n": 2\n    },\n    {\n      "n": 3\n    }\n  ]\n}\n');
    assert.deepEqual(made, [1, 2, 3]);
  });

  it('refuses a skeleton without the placeholder, or with it twice', () => {
    assert.throws(() => joined(jsonWithStreamedArray({ items: [] }, [])), /exactly once/);
    assert.throws(() => joined(jsonWithStreamedArray({ a: STREAMED_ARRAY, b: STREAMED_ARRAY }, [])), /exactly once/);
  });
});

describe('inChunks', () => {
  it('joins pieces into chunks of at least the size, the rest last, losing nothing', () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `${i}`.padStart(7, '.'));
    const chunks = [...inChunks(pieces, 50)];
    assert.equal(chunks.join(''), pieces.join(''));
    assert.equal(chunks.length, 13, '100 pieces of 7, 8 to a chunk: 12 full chunks and 4 pieces left');
    assert.ok(chunks.slice(0, -1).every((chunk) => chunk.length === 56));
    assert.equal(chunks.at(-1)!.length, 28);
    assert.deepEqual([...inChunks([])], []);
  });
});

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function reportOf(diagnostics: Array<[string, Diagnostic, boolean]>): CheckReport {
  return {
    cwd: '/work/repo',
    root: '/work/repo',
    filesChecked: 3,
    diagnostics: diagnostics.map(([file, diagnostic, fixable]) => {
      const offered = diagnostic.fixes?.[0];
      return { file, diagnostic, fixable, ...(offered ? { fix: { title: offered.title, applicability: offered.applicability } } : {}) };
    }),
    skipped: [{ file: 'big.bin', reason: 'binary file' }],
    failures: [],
    fixed: [],
    notWritten: [],
  };
}

const REPORT = reportOf([
  [
    'Dockerfile',
    {
      code: 'PL505',
      rule: 'config/unused-suppression',
      severity: 'warning',
      message: 'Unused "suppression" ✖',
      range: range(0, 31, 36),
      fixes: [
        { title: 'Remove it', applicability: 'safe', edits: [{ range: range(0, 0, 36), newText: '' }] },
        { title: 'Also elsewhere', edits: [{ range: range(0, 0, 1), newText: 'x' }], workspaceChanges: [{ kind: 'create', path: 'x', content: '' }] },
      ],
    },
    true,
  ],
  [
    'src/dir with space/ü.py',
    {
      code: 'PL999',
      rule: 'test/other',
      severity: 'hint',
      message: 'tab\there\nnext line',
      range: range(4, 0, 2),
      related: [{ path: '/work/repo/src/other.py', range: range(1, 2, 3), message: 'first seen here' }],
    },
    false,
  ],
]);

const sarifRegion = (startLine: number, startColumn: number, endLine: number, endColumn: number) => ({ startLine, startColumn, endLine, endColumn });
const physical = (uri: string, region: unknown) => ({ artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region });

describe('the streamed formats', () => {
  it('json: the same bytes as before, for a small report', () => {
    const expected = `{
  "version": 1,
  "root": "/work/repo",
  "summary": {
    "files": 3,
    "errors": 0,
    "warnings": 1,
    "infos": 1,
    "fixable": 1,
    "unsafeFixable": 0,
    "failures": 0
  },
  "failures": [],
  "diagnostics": [
    {
      "file": "Dockerfile",
      "line": 1,
      "column": 32,
      "endLine": 1,
      "endColumn": 37,
      "code": "PL505",
      "rule": "config/unused-suppression",
      "severity": "warning",
      "message": "Unused \\"suppression\\" ✖",
      "fixable": true,
      "fix": {
        "title": "Remove it",
        "applicability": "safe"
      }
    },
    {
      "file": "src/dir with space/ü.py",
      "line": 5,
      "column": 1,
      "endLine": 5,
      "endColumn": 3,
      "code": "PL999",
      "rule": "test/other",
      "severity": "hint",
      "message": "tab\\there\\nnext line",
      "fixable": false,
      "fix": null
    }
  ]
}
`;
    assert.equal(joined(formatJson(REPORT)), expected);
    assert.equal(
      joined(formatJson(reportOf([]))),
      indented({
        version: 1,
        root: '/work/repo',
        summary: { files: 3, errors: 0, warnings: 0, infos: 0, fixable: 0, unsafeFixable: 0, failures: 0 },
        failures: [],
        diagnostics: [],
      }),
    );
  });

  it('sarif: JSON.stringify(log, null, 2) of the log it holds, results and all', () => {
    const text = joined(formatSarif(REPORT, [findRule('PL505')!]));
    const log = JSON.parse(text);
    assert.equal(text, indented(log));
    assert.deepEqual(Object.keys(log.runs[0]), ['tool', 'invocations', 'originalUriBaseIds', 'columnKind', 'results']);
    assert.deepEqual(log.runs[0].results, [
      {
        ruleId: 'PL505',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'Unused "suppression" ✖' },
        locations: [{ physicalLocation: physical('Dockerfile', sarifRegion(1, 32, 1, 37)) }],
        fixes: [
          {
            description: { text: 'Remove it' },
            artifactChanges: [
              {
                artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
                replacements: [{ deletedRegion: sarifRegion(1, 1, 1, 37), insertedContent: { text: '' } }],
              },
            ],
            properties: { applicability: 'safe' },
          },
        ],
      },
      {
        ruleId: 'PL999',
        level: 'note',
        message: { text: 'tab\there\nnext line' },
        locations: [{ physicalLocation: physical('src/dir%20with%20space/%C3%BC.py', sarifRegion(5, 1, 5, 3)) }],
        relatedLocations: [{ id: 0, message: { text: 'first seen here' }, physicalLocation: physical('src/other.py', sarifRegion(2, 3, 2, 4)) }],
      },
    ]);
    const empty = joined(formatSarif(reportOf([]), []));
    assert.equal(empty, indented(JSON.parse(empty)));
    assert.match(empty, /\n {6}"results": \[\]\n {4}\}\n {2}\]\n\}\n$/);
  });

  it('text: a line per problem and the summary, each ending in a newline', () => {
    assert.equal(
      joined(formatText(REPORT)),
      [
        'Dockerfile:1:32: warning PL505 Unused "suppression" ✖ [config/unused-suppression]',
        'src/dir with space/ü.py:5:1: hint PL999 tab\there\nnext line [test/other]',
        '✖ 2 problems (0 errors, 1 warning, 1 info) in 3 files (workspace root: .); 1 fixable with --fix',
        '',
      ].join('\n'),
    );
    assert.equal(joined(formatText(reportOf([]))), '✔ No problems in 3 files (workspace root: .)\n');
  });
});
