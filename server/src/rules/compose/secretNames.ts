/**
 * Secret-looking variable names, with BuildKit's SecretsUsedInArgOrEnv tokens
 * (the same list PL105 uses for Dockerfiles): a name is split into words at
 * `_`, `-`, `.` and camelCase boundaries, and is secret when one word is a
 * secret token and none marks it as public or as a file path or version.
 */
const SECRET_WORDS = new Set(['password', 'passwd', 'pword', 'secret', 'secrets', 'token', 'apikey', 'auth', 'credential', 'credentials', 'key']);
const EXEMPT_WORDS = new Set(['public', 'file', 'version']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isSecretLookingName(name: string): boolean {
  const parts = words(name);
  if (parts.some((w) => EXEMPT_WORDS.has(w))) return false;
  return parts.some((w) => SECRET_WORDS.has(w)) || parts.join('').includes('apikey');
}
