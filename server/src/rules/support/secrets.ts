/**
 * Whether a value bound to a secret-looking name is a secret. A name alone
 * is not enough: `PASSWORD_FILE=/run/secrets/db` is the recommended practice,
 * `AUTH_METHOD: trust` names a mechanism and `DB_PASSWORD=${DB_PASSWORD}` is
 * a reference. PL105 (Dockerfile ENV/ARG), PL206 (Compose environment and
 * env files) and PL307 (Python) judge values here, so they agree.
 */

/** Splits a name into lowercase words at `_`, `-`, `.`, spaces and camelCase boundaries: `apiKey_ID` → api, key, id. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** BuildKit's SecretsUsedInArgOrEnv words, plus `pw` (`POSTGRES_PW`): a variable holding one of them as a word looks secret. */
const SECRET_VARIABLE_WORDS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'passwd', 'pword', 'pw', 'secret', 'token']);
/** As in BuildKit, names that mention these describe where or which secret, not the secret itself. */
const EXEMPT_VARIABLE_PARTS = ['public', 'file', 'version'];

/** An environment or build variable whose name looks secret (Dockerfile ENV/ARG, Compose environment, env files). */
export function looksLikeSecretVariable(name: string): boolean {
  const lower = name.toLowerCase();
  if (EXEMPT_VARIABLE_PARTS.some((part) => lower.includes(part))) return false;
  return nameWords(name).some((word) => SECRET_VARIABLE_WORDS.has(word));
}

/**
 * Last words that make a name about a secret rather than the secret: where it
 * is (`_file`, `_path`, `_url`), which one (`_name`, `_key_id`), what kind
 * (`_type`, `_method`, `_algorithm`), its shape or lifetime (`_length`,
 * `_expire_minutes`) or the header that carries it.
 */
const ABOUT_WORDS = new Set([
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'location',
  'name',
  'user',
  'users',
  'username',
  'env',
  'var',
  'variable',
  'field',
  'param',
  'parameter',
  'type',
  'method',
  'methods',
  'mode',
  'scheme',
  'algorithm',
  'alg',
  'kind',
  'format',
  'provider',
  'backend',
  'policy',
  'length',
  'len',
  'size',
  'bits',
  'count',
  'min',
  'max',
  'prefix',
  'suffix',
  'header',
  'status',
  'state',
  'enabled',
  'disabled',
  'required',
  'valid',
  'expired',
  'expire',
  'expires',
  'expiry',
  'expiration',
  'ttl',
  'timeout',
  'lifetime',
  'age',
  'seconds',
  'secs',
  'minutes',
  'mins',
  'hours',
  'days',
  'ms',
  'version',
  'regex',
  'pattern',
  'label',
  'title',
  'caption',
  'placeholder',
  'tooltip',
  'hint',
  'help',
  'prompt',
  'message',
  'msg',
  'error',
  'errors',
  'charset',
  'alphabet',
  'chars',
  'characters',
  'from',
  'source',
]);

const PUBLIC_KEY_WORDS = new Set(['gpg', 'pgp', 'gnupg', 'fingerprint']);

/** `password_file`, `token_type`, `auth_method`, `reset_token_expire_hours`: the value describes the secret. */
export function namesSomethingAboutSecret(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1]!;
  // `GPG_KEY`, `PGP_KEY_ID`: a public key's fingerprint, which `gpg --recv-keys` fetches; a private key is never an ENV value.
  if (words.some((word) => PUBLIC_KEY_WORDS.has(word))) return true;
  if (words.length < 2) return false;
  // A key's id names the key (`AWS_ACCESS_KEY_ID`); a token's or secret's id is often the secret itself (Vault's `ROOT_TOKEN_ID`, `SECRET_ID`).
  if (last === 'id') return words[words.length - 2] === 'key';
  // S3-style pairs: the access key is the public half (`MINIO_ACCESS_KEY`), the secret key the credential.
  if (last === 'key' && words[words.length - 2] === 'access') return !words.includes('secret');
  return ABOUT_WORDS.has(last);
}

/** Authentication mechanisms and switches: what a `*_AUTH`/`*_TOKEN` setting holds when it is not a credential. */
const MECHANISM_WORDS = new Set([
  'trust',
  'reject',
  'md5',
  'scram-sha-256',
  'password-encryption',
  'ident',
  'peer',
  'cert',
  'gss',
  'sspi',
  'pam',
  'ldap',
  'oidc',
  'openid',
  'saml',
  'sso',
  'radius',
  'bearer',
  'basic',
  'digest',
  'ntlm',
  'negotiate',
  'kerberos',
  'oauth',
  'oauth2',
  'jwt',
  'hmac',
  'api-key',
  'apikey',
  'session',
  'none',
  'null',
  'nil',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'enabled',
  'disabled',
  'required',
  'optional',
  'auto',
  'any',
  // A sentinel the code checks for: no key configured.
  'unset',
  'unknown',
]);

/**
 * Values everyone knows, written as a default to be overridden: still a
 * hard-coded credential, since a deployment that forgets to override one runs
 * with a published password, but reported as what it is. So are the words
 * of example code (`test`, `qwerty`).
 */
const PLACEHOLDER =
  /^(?:change[-_ ]?(?:me|it|this|in[-_ ]?prod(?:uction)?)\d*|(?:super)?secret|passw(?:or)?d\d*|admin|root|guest|default|example|sample|dummy|placeholder|todo|fixme|test|asdf|qwerty|x{3,}|\*{3,}|your[-_ ].*|your[A-Z].*|replace[-_ ]?me|<[^>]*>)$/i;

export type SecretValueVerdict =
  /** A value that is not a credential: empty, a path, a URL without user-info, a mechanism word. */
  | 'not-a-secret'
  /** `${VAR}` or `$VAR`, alone or inside the value: the secret comes from elsewhere. */
  | 'reference'
  /**
   * Too short to be a credential (`"a"`, a lexer's `token == "def"`): a
   * stand-in, or something else the name holds. Not a hard-coded secret, but
   * a build argument named like one still carries the real secret.
   */
  | 'stand-in'
  /** A well-known default such as `changethis`. */
  | 'placeholder'
  | 'credential';

/** `${VAR}`, `${VAR:-default}`, `${VAR:?message}` or `$VAR`: the value comes from elsewhere (a default is judged). */
const REFERENCE = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*(?:(:?[-=?+])(.*))?\}|[A-Za-z_][A-Za-z0-9_]*)$/s;
const INTERPOLATION = /\$\{[A-Za-z_]|\$[A-Za-z_]/;
const URL = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)/i;

/** Shorter values are stand-ins (see SecretValueVerdict). */
const MIN_CREDENTIAL_LENGTH = 4;
/** Three or more words: an email subject or an error message ("Invalid or expired token."), not a credential. */
const PROSE = /\S+\s+\S+\s+\S/;
/** A template or file name (`set_password.html`, `server.key`): where something is, not what. */
const FILE_NAME = /^[\w./-]+\.(?:html?|txt|json|ya?ml|xml|csv|md|j2|jinja2?|tpl|tmpl|mjml|css|js|pem|key|crt|cer|p12|pfx|jks)$/i;
/** A dotted import path (`django.contrib.auth.tokens.PasswordResetTokenGenerator`): a class a setting names. */
const IMPORT_PATH = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+\.[A-Za-z_][A-Za-z0-9_]*$/;
/** A format placeholder (`{module}`) or a masking marker (`***CHANGED***`, `REDACTED`, `<redacted>`): text shown instead of a value. */
const STAND_IN_TEXT = /^\{[\w.:-]*\}$|^\*{2,}[\w -]*[A-Za-z][\w -]*\*{2,}$|^[[<(]?(?:redacted|masked|censored|hidden)[\]>)]?$/i;
/** A namespaced key of a cache or a queue (`sumo:wiki:full-rebuild`): the name of a lock or an entry, not its secret. */
const NAMESPACED_KEY = /^[a-z][a-z0-9_-]*(?::[a-z0-9_.-]+){2,}$/;
/** A command-line option (`--passphrase-fd 0`, `--password-stdin`): how a program is told where the secret is. */
const OPTION = /^--[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:[ =]\S*)?$/;

/** Judges the literal value of a secret-looking name (without its quotes). */
export function judgeSecretValue(raw: string): SecretValueVerdict {
  const value = raw.trim();
  if (value === '' || !/[A-Za-z0-9]/.test(value)) return 'not-a-secret';
  const reference = REFERENCE.exec(value);
  if (reference) return /[-=]/.test(reference[1] ?? '') && reference[2]!.trim() !== '' ? judgeSecretValue(reference[2]!) : 'reference';
  const url = URL.exec(value);
  if (url) {
    const authority = url[1]!;
    const userInfo = authority.includes('@') ? authority.slice(0, authority.lastIndexOf('@')) : '';
    return userInfo.includes(':') ? judgeSecretValue(userInfo.slice(userInfo.indexOf(':') + 1)) : 'not-a-secret';
  }
  // A reference inside a longer value: the secret part comes from elsewhere.
  if (INTERPOLATION.test(value)) return 'reference';
  if (/^(?:\/|\.{1,2}\/|~\/)\S*$/.test(value)) return 'not-a-secret';
  if (
    MECHANISM_WORDS.has(value.toLowerCase()) ||
    PROSE.test(value) ||
    FILE_NAME.test(value) ||
    IMPORT_PATH.test(value) ||
    STAND_IN_TEXT.test(value) ||
    OPTION.test(value) ||
    NAMESPACED_KEY.test(value)
  )
    return 'not-a-secret';
  if (value.length < MIN_CREDENTIAL_LENGTH) return 'stand-in';
  if (PLACEHOLDER.test(value)) return 'placeholder';
  return namesASecretsVariable(value) ? 'not-a-secret' : 'credential';
}

/**
 * The name of the environment variable or setting that holds the secret, as
 * a configuration loader maps them (`"solr_password": "CKAN_SOLR_PASSWORD"`,
 * `fallback_setting = "SECRET_KEY"`): upper-case words joined by `_`, one of
 * them a secret's word. Credentials are not spelled so; a placeholder such
 * as `YOUR_API_KEY` is judged as one before this.
 */
function namesASecretsVariable(value: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && nameWords(value).some((word) => SECRET_VARIABLE_WORDS.has(word));
}

/**
 * An enumeration member whose value spells its own name's words
 * (`PASSWORD_TOO_SHORT = "password_too_short"`, `JWT_INVALID_TOKEN =
 * "invalid_token"`), or its name as a label (`SECRET = "Secret"`): an error
 * code, an event name or a field type, not a credential.
 */
function spellsItsName(name: string, value: string): boolean {
  // `PASSWORD = "Password"`: a field type's display label.
  if (/^[A-Z][a-z]+$/.test(value) && value.toLowerCase() === name.toLowerCase()) return true;
  const words = nameWords(value);
  if (words.length < 2 || /\s/.test(value.trim())) return false;
  const own = new Set(nameWords(name));
  return words.every((word) => own.has(word));
}

/** The verdict on a secret-looking name bound to a value: a name about the secret never holds one. */
export function judgeSecret(name: string, value: string): SecretValueVerdict {
  return namesSomethingAboutSecret(name) || spellsItsName(name, value) ? 'not-a-secret' : judgeSecretValue(value);
}
