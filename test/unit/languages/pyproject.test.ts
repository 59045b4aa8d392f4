import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPyprojectTables } from '../../../server/src/languages/pyproject';

describe('readPyprojectTables', () => {
  it('gives each line its table: headers with comments, blanks, CRLF and arrays of tables', () => {
    const text =
      'name = "top"\r\n[project]\r\nname = "shop"\r\n[ project.scripts ]  # installed commands\r\nshop = "shop.cli:main"\r\n[[tool.uv.index]]\r\nname = "internal"\r\n';
    const { tables, lines } = readPyprojectTables(text);
    assert.deepEqual(tables, ['project', 'project.scripts', 'tool.uv.index']);
    assert.deepEqual(
      lines.filter((line) => line.text !== '').map((line) => [line.table, line.text]),
      [
        ['', 'name = "top"'],
        ['project', 'name = "shop"'],
        ['project.scripts', 'shop = "shop.cli:main"'],
        ['tool.uv.index', 'name = "internal"'],
      ],
    );
  });

  it('does not take a key whose value is an array for a header', () => {
    const { tables } = readPyprojectTables('[tool.ruff]\nselect = ["E", "F"]\nextend = [\n  "tests",\n]\n');
    assert.deepEqual(tables, ['tool.ruff']);
  });
});
