import type { Range } from '../../../engine/types';

/** The services a finding is about, as a message names them. */
export interface Subject {
  /** `Service "web"`, `Services "web" and "worker"`, `Services "a", "b" and 3 more`. */
  text: string;
  /** The verb form that agrees with the subject: `verb('runs', 'run')`. */
  verb(singular: string, plural: string): string;
}

const NAMED_SERVICES = 3;

function subjectOf(names: readonly string[]): Subject {
  const quoted = names.map((name) => `"${name}"`);
  const plural = names.length > 1;
  const text = !plural
    ? `Service ${quoted[0]}`
    : names.length <= NAMED_SERVICES
      ? `Services ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
      : `Services ${quoted.slice(0, NAMED_SERVICES - 1).join(', ')} and ${names.length - NAMED_SERVICES + 1} more`;
  return { text, verb: (singular, pluralForm) => (plural ? pluralForm : singular) };
}

/** What Plumbline cannot see about a service's image; services that share the image share the finding. */
export interface Unseen {
  /** The image (or Dockerfile and base) the finding is about. */
  key: string;
  describe(subject: Subject): string;
}

/**
 * Reports what cannot be verified once per image rather than once per
 * service: twenty services of one image are one thing to check. The info
 * goes on the first service and names the others.
 */
export function reportUnseen(findings: ReadonlyArray<{ name: string; range: Range; unseen: Unseen }>, report: (message: string, range: Range) => void): void {
  const groups = new Map<string, (typeof findings)[number][]>();
  for (const finding of findings) {
    const group = groups.get(finding.unseen.key);
    if (group) group.push(finding);
    else groups.set(finding.unseen.key, [finding]);
  }
  for (const group of groups.values()) {
    report(group[0]!.unseen.describe(subjectOf(group.map((finding) => finding.name))), group[0]!.range);
  }
}
