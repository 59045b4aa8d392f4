/**
 * Compose variable interpolation, as far as it can be known without the
 * environment: `${VAR:-default}` and `${VAR-default}` resolve to their
 * default, `$$` is a literal dollar, and anything else (`${VAR}`, `$VAR`,
 * `${VAR:?error}`, `${VAR:+alt}`) is only known at run time.
 */
export interface Interpolated {
  value: string;
  /** True when part of the value depends on the environment. */
  runtimeOnly: boolean;
}

/** Index of the `}` closing the `${` whose body starts at `start`, honouring nesting. */
function closingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

export function interpolate(text: string): Interpolated {
  let value = '';
  let runtimeOnly = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '$') {
      value += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      value += '$';
      i++;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        // An unterminated `${` is a Compose error; its value cannot be known.
        return { value: value + text.slice(i), runtimeOnly: true };
      }
      const body = text.slice(i + 2, end);
      const withDefault = /^[A-Za-z_][A-Za-z0-9_]*(:?-)([\s\S]*)$/.exec(body);
      if (withDefault) {
        const inner = interpolate(withDefault[2]!);
        value += inner.value;
        runtimeOnly ||= inner.runtimeOnly;
      } else runtimeOnly = true;
      i = end;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (name) {
      runtimeOnly = true;
      i += name[0].length;
      continue;
    }
    value += ch;
  }
  return { value, runtimeOnly };
}

/** Whether a value contains any interpolation at all (defaulted or not). */
export function hasInterpolation(text: string): boolean {
  return /\$(?:\{|[A-Za-z_])/.test(text.replace(/\$\$/g, ''));
}
