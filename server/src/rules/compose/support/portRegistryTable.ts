import type { SourceDocument } from '../../../engine/sourceDocument';
import type { Range, RelatedLocation, TextEdit } from '../../../engine/types';
import { formatPortRange, parsePortRange, PortRangeIndex } from './ports';

/**
 * The port registry: a Markdown table with at least `Port` and `Service`
 * columns (an optional `Protocol` column narrows a row to tcp or udp).
 * Read with a line parser, which keeps every cell's exact position.
 */
export interface RegistryRow {
  line: number;
  first: number;
  last: number;
  service: string;
  /** Undefined when the registry has no protocol column or leaves it empty: any protocol. */
  protocol: string | undefined;
  portRange: Range;
}

export interface RegistryProblem {
  message: string;
  range: Range;
  related?: RelatedLocation[];
}

interface Cell {
  text: string;
  start: number;
  end: number;
}

interface RegistryTable {
  columns: string[];
  portColumn: number;
  serviceColumn: number;
  protocolColumn: number | undefined;
  /** Line of the table's last row (or of its separator when it has no rows). */
  lastLine: number;
  /** Raw widths of the header's cells, to pad new rows the way an aligned table is padded. */
  headerWidths: number[];
  aligned: boolean;
  leadingPipe: boolean;
  trailingPipe: boolean;
}

export interface PortRegistry {
  path: string;
  /** The registry's text, which also keeps what is derived from the parse (its rows by port). */
  document: SourceDocument;
  table: RegistryTable | undefined;
  rows: RegistryRow[];
  problems: RegistryProblem[];
}

/** Splits a table line into cells (escaped pipes stay in the cell), with raw and trimmed spans. */
function splitRow(line: string): { cells: Cell[]; raw: Cell[]; leadingPipe: boolean; trailingPipe: boolean } {
  const pipes: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') pipes.push(i);
  }
  const leadingPipe = line.trimStart().startsWith('|');
  const trailingPipe = line.trimEnd().endsWith('|') && !line.trimEnd().endsWith('\\|');
  const bounds = [leadingPipe ? pipes[0]! : line.length - line.trimStart().length - 1, ...pipes.slice(leadingPipe ? 1 : 0)];
  if (!trailingPipe) bounds.push(line.trimEnd().length);
  const raw: Cell[] = [];
  const cells: Cell[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]! + 1;
    const end = bounds[i + 1]!;
    const text = line.slice(start, end);
    raw.push({ text, start, end });
    const lead = text.length - text.trimStart().length;
    cells.push({ text: text.trim(), start: start + lead, end: start + lead + text.trim().length });
  }
  return { cells, raw, leadingPipe, trailingPipe };
}

function cellValue(text: string): string {
  return text
    .replace(/^(\*\*|__|`)(.*)\1$/, '$2')
    .replace(/\\\|/g, '|')
    .trim();
}

const SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

function columnIndex(columns: string[], pattern: RegExp): number | undefined {
  const index = columns.findIndex((c) => pattern.test(c));
  return index < 0 ? undefined : index;
}

export function parsePortRegistry(document: SourceDocument): PortRegistry {
  const registry: PortRegistry = { path: document.path, document, table: undefined, rows: [], problems: [] };
  const lineCount = document.lineCount;
  let fence: string | undefined;
  for (let line = 0; line + 1 < lineCount && !registry.table; line++) {
    const text = document.lineText(line);
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1]![0]!;
      else if (fenceMatch[1]![0] === fence) fence = undefined;
      continue;
    }
    if (fence || !text.includes('|') || !SEPARATOR.test(document.lineText(line + 1))) continue;
    const header = splitRow(text);
    const columns = header.cells.map((c) => cellValue(c.text).toLowerCase());
    const portColumn = columnIndex(columns, /^(?:host )?ports?$/);
    const serviceColumn = columnIndex(columns, /^services?$/);
    if (portColumn === undefined || serviceColumn === undefined) continue;
    registry.table = {
      columns,
      portColumn,
      serviceColumn,
      protocolColumn: columnIndex(columns, /^proto(?:col)?$/),
      lastLine: line + 1,
      headerWidths: header.raw.map((c) => c.text.length),
      aligned: true,
      leadingPipe: header.leadingPipe,
      trailingPipe: header.trailingPipe,
    };
    readRows(document, registry, registry.table, line + 2);
  }
  if (!registry.table) {
    registry.problems.push({
      message: 'The port registry has no table with "Port" and "Service" columns; add one, e.g. "| Port | Service |".',
      range: document.lineRange(0),
    });
  }
  return registry;
}

function readRows(document: SourceDocument, registry: PortRegistry, table: RegistryTable, firstLine: number): void {
  const rowRange = (line: number, cell: Cell | undefined): Range =>
    cell ? { start: { line, character: cell.start }, end: { line, character: cell.end } } : document.lineRange(line);
  for (let line = firstLine; line < document.lineCount; line++) {
    const text = document.lineText(line);
    if (!text.includes('|') || text.trim() === '') break;
    table.lastLine = line;
    const row = splitRow(text);
    table.aligned &&= row.raw.length === table.headerWidths.length && row.raw.every((c, i) => c.text.length === table.headerWidths[i]);
    const portCell = row.cells[table.portColumn];
    const serviceCell = row.cells[table.serviceColumn];
    const portText = cellValue(portCell?.text ?? '');
    const slash = portText.indexOf('/');
    const ports = parsePortRange(slash >= 0 ? portText.slice(0, slash) : portText);
    if (!ports) {
      registry.problems.push({
        message: `"${portText}" is not a port or port range (1-65535); write the Port cell as 8080 or 9000-9010.`,
        range: rowRange(line, portCell?.text ? portCell : undefined),
      });
      continue;
    }
    const service = cellValue(serviceCell?.text ?? '');
    if (!service) {
      registry.problems.push({
        message: `Port ${formatPortRange(ports)} names no service; fill in its Service cell.`,
        range: rowRange(line, portCell),
      });
      continue;
    }
    const protocolText = table.protocolColumn === undefined ? '' : cellValue(row.cells[table.protocolColumn]?.text ?? '');
    const protocol = (slash >= 0 ? portText.slice(slash + 1) : protocolText).toLowerCase() || undefined;
    const entry: RegistryRow = { line, ...ports, service, protocol, portRange: rowRange(line, portCell) };
    const earlier = registry.rows.find(
      (r) => r.first <= entry.last && entry.first <= r.last && (!r.protocol || !entry.protocol || r.protocol === entry.protocol),
    );
    if (earlier) {
      registry.problems.push({
        message: `Port ${formatPortRange(ports)} is already registered on line ${earlier.line + 1} (for ${earlier.service}); each host port belongs to one service.`,
        range: entry.portRange,
        related: [{ path: document.path, range: earlier.portRange, message: `Port ${formatPortRange(earlier)} registered for ${earlier.service}` }],
      });
    }
    registry.rows.push(entry);
  }
}

/** Each registry's rows by port number, built on first lookup: every Compose file asks for every port it publishes. */
function rowIndex(registry: PortRegistry): PortRangeIndex<RegistryRow> {
  return registry.document.deriveFor(registry, rowIndex, () => {
    const index = new PortRangeIndex<RegistryRow>((row) => row);
    registry.rows.forEach((row) => index.add(row));
    return index;
  });
}

/** The services the registry gives a port to (and protocol). */
export function registeredServices(registry: PortRegistry, port: number, protocol: string): string[] {
  return rowIndex(registry)
    .overlapping({ first: port, last: port })
    .filter((r) => !r.protocol || r.protocol === protocol)
    .map((r) => r.service);
}

export interface NewRegistryRow {
  port: string;
  service: string;
  protocol: string;
  composeFile: string;
}

function cellFor(column: string, row: NewRegistryRow): string {
  if (/^(?:host )?ports?$/.test(column)) return row.port;
  if (/^services?$/.test(column)) return row.service;
  if (/^proto(?:col)?$/.test(column)) return row.protocol;
  if (/compose|file|source|defined/.test(column)) return row.composeFile;
  return '';
}

/** The text of a new table row laid out like the table's existing rows. */
function formatRow(table: RegistryTable, row: NewRegistryRow): string {
  const cells = table.columns.map((column, i) => {
    const value = cellFor(column, row);
    const width = table.headerWidths[i]! - 2;
    return ` ${table.aligned ? value.padEnd(width) : value} `;
  });
  return (table.leadingPipe ? '|' : '') + cells.join('|') + (table.trailingPipe ? '|' : '');
}

/** The edit that appends a row to the registry's table (or a new table when it has none). */
export function appendRegistryRowEdit(document: SourceDocument, registry: PortRegistry, row: NewRegistryRow): TextEdit {
  const eol = document.eol;
  const table = registry.table;
  if (!table) {
    const end = document.positionAt(document.text.length);
    const lead = document.text.length === 0 ? '' : document.text.endsWith('\n') ? eol : eol + eol;
    return { range: { start: end, end }, newText: lead + newRegistryTable([row], eol) };
  }
  const text = formatRow(table, row);
  if (table.lastLine + 1 >= document.lineCount) {
    const end = { line: table.lastLine, character: document.lineText(table.lastLine).length };
    return { range: { start: end, end }, newText: eol + text };
  }
  const start = { line: table.lastLine + 1, character: 0 };
  return { range: { start, end: start }, newText: text + eol };
}

function newRegistryTable(rows: readonly NewRegistryRow[], eol: string): string {
  return ['| Port | Service | Protocol |', '|---|---|---|', ...rows.map((row) => `| ${row.port} | ${row.service} | ${row.protocol} |`), ''].join(eol);
}

/** The content of a new registry file holding these rows. */
export function newRegistryFile(rows: readonly NewRegistryRow[]): string {
  return `# Port registry\n\nEvery host port a Compose service publishes is listed here.\n\n${newRegistryTable(rows, '\n')}`;
}
