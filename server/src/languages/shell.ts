/**
 * Just enough POSIX shell to read RUN/CMD/ENTRYPOINT lines: words with their
 * quotes removed and their document offsets kept, split into simple commands
 * at `&&`, `||`, `|`, `;`, `&`, newlines and parentheses (a `case` arm's
 * `a|b)` patterns are not commands). It also tells whether a command line
 * needs a shell at all (for the exec-form fix).
 */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, LogicalText } from './dockerfile';

export interface ShellWord {
  /** The word with quotes and escapes removed (variables are left as written). */
  value: string;
  /** Document offsets of the word as written, quotes included. */
  start: number;
  end: number;
}

export interface ShellCommand {
  words: ShellWord[];
  /** The control operator that ends the command (`|`, `&&`, `;` …; a newline is `\n`), if any. */
  followedBy?: string;
}

export interface ShellLine {
  commands: ShellCommand[];
  /** Control operators (`&&`, `|`, `;` …), subshells or more than one command. */
  hasOperators: boolean;
  /** Anything only a shell understands: operators, redirects, `$`, globs, `~`, assignments, comments. */
  needsShell: boolean;
}

const OPERATOR_CHARS = new Set(['&', '|', ';', '(', ')', '\n']);
const GLOB_CHARS = new Set(['*', '?', '[']);
/** A run of plain characters (those that end a word or need special reading are not), matched from `lastIndex`. */
const PLAIN_RUN = /[^\s&|;()<>'"\\$`*?[~]*/y;

class Scanner {
  private index: number;
  /** Index just past the last non-blank character: newlines after it end nothing. */
  private readonly contentEnd: number;
  readonly commands: ShellCommand[] = [{ words: [] }];
  hasOperators = false;
  needsShell = false;
  /**
   * Where the scan is in each enclosing `case … esac`: its subject (up to
   * `in`), the patterns of an arm (up to `)`, where `|` separates
   * alternatives and is no pipe), or an arm's commands (up to `;;`).
   */
  private readonly cases: Array<'subject' | 'patterns' | 'commands'> = [];

  constructor(
    private readonly source: LogicalText,
    from: number,
  ) {
    this.index = from;
    this.contentEnd = source.text.trimEnd().length;
  }

  scan(): ShellLine {
    const text = this.source.text;
    while (this.index < text.length) {
      const ch = text[this.index]!;
      if (ch === ' ' || ch === '\t' || ch === '\r') this.index++;
      else if (ch === '\\' && this.continuationLength() > 0) this.index += this.continuationLength();
      else if (ch === '#') this.skipComment();
      else if (this.cases[this.cases.length - 1] === 'patterns') this.pattern(ch);
      else if (this.atRedirect()) this.redirect();
      else if (OPERATOR_CHARS.has(ch)) this.operator(ch);
      else this.word();
    }
    const commands = this.commands.filter((command) => command.words.length > 0);
    return { commands, hasOperators: this.hasOperators || commands.length > 1, needsShell: this.needsShell || this.hasOperators };
  }

  /**
   * The length of a `\`-newline line continuation at the index, 0 if there is
   * none. The Dockerfile parser joins continued RUN lines, but a heredoc
   * script keeps them for the shell, which joins them too.
   */
  private continuationLength(): number {
    const text = this.source.text;
    if (text[this.index] !== '\\') return 0;
    if (text[this.index + 1] === '\n') return 2;
    return text[this.index + 1] === '\r' && text[this.index + 2] === '\n' ? 3 : 0;
  }

  private skipComment(): void {
    this.needsShell = true;
    while (this.index < this.source.text.length && this.source.text[this.index] !== '\n') this.index++;
  }

  private operator(ch: string): void {
    const text = this.source.text;
    // A trailing newline ends the last command; it is not an operator.
    if (ch !== '\n' || this.index < this.contentEnd) this.hasOperators = true;
    const width = text[this.index + 1] === ch && (ch === '&' || ch === '|' || ch === ';') ? 2 : 1;
    const operator = text.slice(this.index, this.index + width);
    this.commands[this.commands.length - 1]!.followedBy = operator;
    this.index += width;
    this.commands.push({ words: [] });
    if (operator === ';;' && this.cases[this.cases.length - 1] === 'commands') this.cases[this.cases.length - 1] = 'patterns';
  }

  /** Reads the patterns of a `case` arm (`dev|beta|fix*)`) without taking them for commands, or the `esac` that ends the `case`. */
  private pattern(ch: string): void {
    if (ch === '\n' || ch === ';' || ch === '(' || ch === '|') {
      this.index++;
      return;
    }
    if (ch === ')') {
      this.index++;
      this.cases[this.cases.length - 1] = 'commands';
      this.hasOperators = true;
      this.commands.push({ words: [] });
      return;
    }
    const word = this.readWord();
    if (!word) this.index++;
    else if (word.value === 'esac') this.cases.pop();
  }

  private atRedirect(): boolean {
    const ch = this.source.text[this.index]!;
    if (ch !== '<' && ch !== '>' && ch !== '&' && (ch < '0' || ch > '9')) return false;
    return /^(?:\d*[<>]|&>)/.test(this.source.text.slice(this.index, this.index + 8));
  }

  /** Skips a redirection and its target word: `> file`, `2>&1`, `<<EOF`, `&>/dev/null`. */
  private redirect(): void {
    this.needsShell = true;
    const text = this.source.text;
    while (this.index < text.length && /[\d<>&-]/.test(text[this.index]!)) {
      const duplicatesDescriptor = text[this.index] === '&' && /\d|-/.test(text[this.index + 1] ?? '');
      this.index++;
      if (duplicatesDescriptor) {
        while (/[\d-]/.test(text[this.index] ?? '')) this.index++;
        return;
      }
    }
    while (text[this.index] === ' ' || text[this.index] === '\t') this.index++;
    this.readWord();
  }

  private word(): void {
    const word = this.readWord();
    if (!word) return;
    const command = this.commands[this.commands.length - 1]!;
    const innermostCase = this.cases[this.cases.length - 1];
    if (command.words.length === 0 && word.value === 'esac' && innermostCase === 'commands') {
      this.cases.pop();
      return;
    }
    if (command.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value)) this.needsShell = true;
    if (command.words.length === 0 && word.value === 'case') this.cases.push('subject');
    else if (innermostCase === 'subject' && word.value === 'in') this.cases[this.cases.length - 1] = 'patterns';
    command.words.push(word);
  }

  private readWord(): ShellWord | undefined {
    const text = this.source.text;
    const begin = this.index;
    let value = '';
    while (this.index < text.length) {
      const ch = text[this.index]!;
      if (ch === ' ' || ch === '\t' || ch === '\r' || OPERATOR_CHARS.has(ch) || ch === '<' || ch === '>') break;
      if (ch === "'") {
        const close = text.indexOf("'", this.index + 1);
        const end = close < 0 ? text.length : close;
        value += text.slice(this.index + 1, end);
        this.index = end + 1;
      } else if (ch === '"') {
        this.index++;
        while (this.index < text.length && text[this.index] !== '"') {
          const inner = text[this.index]!;
          if (inner === '\\' && /["\\$`]/.test(text[this.index + 1] ?? '')) {
            value += text[this.index + 1];
            this.index += 2;
            continue;
          }
          if (inner === '$' || inner === '`') this.needsShell = true;
          value += inner;
          this.index++;
        }
        this.index++;
      } else if (ch === '\\') {
        const continuation = this.continuationLength();
        value += continuation > 0 ? '' : (text[this.index + 1] ?? '');
        this.index += continuation || 2;
      } else if (ch === '$' && text[this.index + 1] === '(') {
        this.needsShell = true;
        value += this.readBalanced('(', ')');
      } else if (ch === '`') {
        this.needsShell = true;
        const close = text.indexOf('`', this.index + 1);
        const end = close < 0 ? text.length : close + 1;
        // `# why this package` substitutes nothing: a comment inside a continued RUN line.
        if (!/^`\s*#/.test(text.slice(this.index, end))) value += text.slice(this.index, end);
        this.index = end;
      } else {
        if (ch === '$' || GLOB_CHARS.has(ch) || (ch === '~' && this.index === begin)) this.needsShell = true;
        const plainEnd = this.plainRunEnd(this.index + 1);
        value += text.slice(this.index, plainEnd);
        this.index = plainEnd;
      }
    }
    if (this.index === begin) return undefined;
    const end = Math.min(this.index, text.length);
    if (value === '' && /^`\s*#[^`]*`$/.test(text.slice(begin, end))) return undefined;
    return { value, start: this.source.offsetAt(begin), end: this.source.offsetAt(end - 1) + 1 };
  }

  /** The end of a run of characters that need no special reading (appended to a word in one piece). */
  private plainRunEnd(from: number): number {
    PLAIN_RUN.lastIndex = from;
    PLAIN_RUN.test(this.source.text);
    return PLAIN_RUN.lastIndex;
  }

  private readBalanced(open: string, close: string): string {
    const text = this.source.text;
    const begin = this.index;
    let depth = 0;
    while (this.index < text.length) {
      const ch = text[this.index++]!;
      if (ch === open) depth++;
      else if (ch === close && --depth === 0) break;
    }
    return text.slice(begin, this.index);
  }
}

/** Scans a logical line from a character index on. */
export function scanShell(source: LogicalText, from = 0): ShellLine {
  return new Scanner(source, from).scan();
}

/** The exec-form (JSON array of strings) arguments, or undefined for shell form. */
export function execFormArguments(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Writes words as a JSON exec-form array, spaced as Dockerfiles usually are: `["a", "b"]`. */
export function execFormText(words: readonly string[]): string {
  return `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
}

/** Where a RUN's command starts in its logical text: after flags such as `--mount=…`. */
function commandStart(text: string): number {
  return /^(?:\s*--[^\s]+)*\s*/.exec(text)![0].length;
}

/** The simple commands a RUN instruction executes (shell form or exec form); several rules ask, it is read once. */
export function runCommands(model: DockerfileModel, instruction: Instruction): ShellCommand[] {
  return model.document.deriveFor(instruction, readRunCommands, () => readRunCommands(model, instruction));
}

function readRunCommands(model: DockerfileModel, instruction: Instruction): ShellCommand[] {
  const logical = model.logicalArguments(instruction);
  const start = commandStart(logical.text);
  const exec = execFormArguments(logical.text.slice(start));
  if (exec) {
    // Exec-form words carry no usable positions of their own: report them at the argument list.
    const end = logical.offsetAt(logical.text.length);
    return [{ words: exec.map((value) => ({ value, start: logical.offsetAt(start), end })) }];
  }
  return scanShell(logical, start).commands;
}

const PREFIX_WORDS = new Set(['sudo', 'env', 'command', 'exec', 'nohup', 'time', 'then', 'do', 'else', 'elif', '!', '{']);

/** The command's words from its program name on: leading assignments, `sudo`, `env` and the like skipped. */
export function programWords(command: ShellCommand): ShellWord[] {
  const words = command.words;
  let i = 0;
  while (i < words.length) {
    const value = words[i]!.value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(value) || PREFIX_WORDS.has(value)) i++;
    else if (i > 0 && value.startsWith('-') && PREFIX_WORDS.has(words[i - 1]!.value)) i++;
    else break;
  }
  return words.slice(i);
}

/** The program's base name: `/usr/local/bin/pip3` → `pip3`. */
export function programName(word: ShellWord | undefined): string {
  if (!word) return '';
  return word.value.slice(word.value.lastIndexOf('/') + 1);
}
