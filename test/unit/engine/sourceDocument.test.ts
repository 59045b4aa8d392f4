import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, nonOverlappingAutoFixEdits } from '../../../server/src/engine/edits';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import type { Diagnostic, FixApplicability, TextEdit } from '../../../server/src/engine/types';

describe('SourceDocument', () => {
  it('converts offsets and positions across LF, CRLF and lone CR line breaks', () => {
    const document = new SourceDocument('/w/f', 'ab\r\ncd\nef\rgh');
    assert.equal(document.lineCount, 4);
    assert.deepEqual(document.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(document.positionAt(11), { line: 3, character: 1 });
    assert.equal(document.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(document.lineText(0), 'ab');
    assert.equal(document.lineText(2), 'ef');
    assert.equal(document.eol, '\r\n');
  });

  it('splits lines as LSP does at every mix of breaks, including runs and breaks at either end', () => {
    for (const text of ['', '\n', '\r', '\r\n', '\r\r\n\n', 'a\rb\r\nc\n\rd\r', '\n\r\n\r\r\nx']) {
      const document = new SourceDocument('/w/f', text);
      const lines = text.split(/\r\n|\r|\n/);
      assert.equal(document.lineCount, lines.length, JSON.stringify(text));
      assert.deepEqual(
        lines.map((_, line) => document.lineText(line)),
        lines,
        JSON.stringify(text),
      );
    }
  });

  it('clamps positions past a line end or the document end', () => {
    const document = new SourceDocument('/w/f', 'ab\ncd');
    assert.equal(document.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(document.offsetAt({ line: 9, character: 0 }), 5);
    assert.deepEqual(document.positionAt(99), { line: 1, character: 2 });
  });

  it('counts columns in UTF-16 code units, as LSP does', () => {
    const document = new SourceDocument('/w/f', 'é😀x');
    assert.deepEqual(document.positionAt(3), { line: 0, character: 3 });
  });

  it('handles an empty document', () => {
    const document = new SourceDocument('/w/f', '');
    assert.equal(document.lineCount, 1);
    assert.equal(document.lineText(0), '');
    assert.equal(document.eol, '\n');
  });
});

const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, newText: string): TextEdit => ({ range: { start: at(line, character), end: at(line, character) }, newText });

describe('SourceDocument.derive', () => {
  it('computes once per key, and deriveFor once per key and object, undefined values included', () => {
    const document = new SourceDocument('/x/a.txt', 'text');
    let computed = 0;
    const once = () => document.derive('test:once', () => ++computed);
    assert.equal(once(), 1);
    assert.equal(once(), 1);
    const [first, second] = [{}, {}];
    const per = (owner: object) => document.deriveFor(owner, 'test:per', () => ++computed);
    assert.deepEqual([per(first), per(second), per(first)], [2, 3, 2]);
    let undefinedComputed = 0;
    const nothing = () => document.deriveFor(first, 'test:nothing', () => void undefinedComputed++);
    nothing();
    nothing();
    assert.equal(undefinedComputed, 1);
    assert.equal(
      new SourceDocument('/x/a.txt', 'text').derive('test:once', () => 'fresh'),
      'fresh',
      'another document keeps its own',
    );
  });
});

describe('applyEdits', () => {
  it('applies edits given in any order', () => {
    const text = 'one\ntwo\nthree\n';
    const edits: TextEdit[] = [
      { range: { start: at(2, 0), end: at(2, 5) }, newText: '3' },
      insert(0, 0, '# '),
      { range: { start: at(1, 0), end: at(1, 3) }, newText: '2' },
    ];
    assert.equal(applyEdits(text, edits), '# one\n2\n3\n');
  });

  it('keeps the given order of inserts at one position', () => {
    assert.equal(applyEdits('x', [insert(0, 0, 'a'), insert(0, 0, 'b')]), 'abx');
  });

  it('refuses overlapping edits', () => {
    assert.throws(() =>
      applyEdits('abcdef', [
        { range: { start: at(0, 0), end: at(0, 3) }, newText: '' },
        { range: { start: at(0, 2), end: at(0, 4) }, newText: '' },
      ]),
    );
  });
});

describe('nonOverlappingAutoFixEdits', () => {
  const diagnostic = (edits: TextEdit[], isPreferred = true): Diagnostic => ({
    code: 'PL000',
    rule: 'test/rule',
    severity: 'warning',
    message: 'm',
    range: edits[0]!.range,
    fixes: [{ title: 'fix', applicability: 'safe', edits, isPreferred }],
  });

  it('takes preferred fixes that do not touch each other and leaves the rest for the next pass', () => {
    const first = { range: { start: at(0, 0), end: at(0, 3) }, newText: 'X' };
    const clashing = { range: { start: at(0, 2), end: at(0, 5) }, newText: 'Y' };
    const separate = { range: { start: at(1, 0), end: at(1, 1) }, newText: 'Z' };
    const notPreferred = { range: { start: at(2, 0), end: at(2, 1) }, newText: 'W' };
    const edits = nonOverlappingAutoFixEdits([diagnostic([first]), diagnostic([clashing]), diagnostic([separate]), diagnostic([notPreferred], false)]);
    assert.deepEqual(edits, [first, separate]);
  });

  it('does not apply two inserts at the same position in one pass', () => {
    const edits = nonOverlappingAutoFixEdits([diagnostic([insert(0, 0, 'a')]), diagnostic([insert(0, 0, 'a')])]);
    assert.equal(edits.length, 1);
  });

  it('takes safe fixes, unsafe ones only when asked, suggestions and fixes without an applicability never', () => {
    const fixOf = (line: number, applicability: FixApplicability | undefined): Diagnostic => {
      const edit = insert(line, 0, String(applicability));
      return { ...diagnostic([edit]), fixes: [{ title: 'fix', applicability, edits: [edit], isPreferred: true }] };
    };
    const diagnostics = [fixOf(0, 'safe'), fixOf(1, 'unsafe'), fixOf(2, 'suggestion'), fixOf(3, undefined)];
    assert.deepEqual(
      nonOverlappingAutoFixEdits(diagnostics).map((edit) => edit.newText),
      ['safe'],
    );
    assert.deepEqual(
      nonOverlappingAutoFixEdits(diagnostics, { unsafe: true }).map((edit) => edit.newText),
      ['safe', 'unsafe'],
    );
  });
});
