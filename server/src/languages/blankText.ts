/**
 * The text with every character but its line breaks turned into a space:
 * offsets and lines still hold, and a parser finds nothing there. What the
 * language models do with input a parser must not see.
 */
export function blankText(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
