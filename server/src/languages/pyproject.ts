/**
 * pyproject.toml read line by line for the few tables rules ask about
 * (`[project]`, `[project.scripts]`, `[tool.setuptools.dynamic]` …): which
 * table each line belongs to. Multi-line values and inline tables are not
 * parsed; the rules that read them look at one line at a time.
 */

/** `[project.scripts]`, `[[tool.uv.index]]`, with blanks inside the brackets and a trailing comment. */
const TABLE_HEADER = /^[ \t]*\[\[?[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$/;

export interface PyprojectLine {
  /** The table the line is in (`project.scripts`); empty before the first header. */
  table: string;
  text: string;
}

export interface PyprojectTables {
  /** Every table header's name, in order (an array of tables once per `[[…]]`). */
  tables: string[];
  /** The lines that are not table headers, each with its table. */
  lines: PyprojectLine[];
}

export function readPyprojectTables(text: string): PyprojectTables {
  const tables: string[] = [];
  const lines: PyprojectLine[] = [];
  let table = '';
  for (const line of text.split(/\r?\n/)) {
    const header = TABLE_HEADER.exec(line);
    if (header) {
      table = header[1]!;
      tables.push(table);
    } else {
      lines.push({ table, text: line });
    }
  }
  return { tables, lines };
}
