import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import type { PythonModel } from '../../languages/python';
import { CHECK_TESTS_OPTION, EXEMPT_CODE_NOTE, isExemptCode } from '../support/exemptCode';
import { dottedName, lastSegment, nodeText } from './support/tree';

/** Connection URLs of the services backends talk to, with a password in their user-info: `postgres://app:pw@db/app`, `redis://:pw@cache`. */
const CREDENTIAL_URL =
  /^((?:postgres(?:ql)?|mysql|mariadb|mssql|oracle|redis|rediss|amqps?|mongodb(?:\+srv)?|kafka|nats|clickhouse|sqlserver)(?:\+[a-z0-9_]+)?):\/\/([^:@/\s]*):([^@/\s]+)@(\S+)$/i;
/** A password that is a placeholder, not a value: `${DB_PASSWORD}`, `{password}`, `%s`, `<password>`, `***`. */
const PLACEHOLDER = /^(?:\$\{?\w+\}?|\{\w*\}|%\(?\w*\)?s|<[^>]+>|\*+|\.\.\.|x+|password|pass|secret|changeme)$/i;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Addresses that are the same on every machine: bind-all and loopback. */
const LOCAL_HOST = /^(?:0\.0\.0\.0|127(?:\.\d{1,3}){3}|(?:[\w-]+\.)*localhost|::1?|\[::1?\])$/i;
const HOST_PORT = /^([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{2,5})$/;
const URL = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^:/\s?#]+)(?::(\d{2,5}))?(?:[/?#]\S*)?$/i;

/** The last word of a name that says it holds where a service is: `DB_HOST`, `redis_url`, `dsn`, `bootstrap_servers`. */
const ADDRESS_WORD = /(?:^|_)(?:host|hostname|port|url|uri|dsn|addr|address|endpoint|server|servers|broker|brokers)$/i;

/** Calls whose literal arguments are defaults of a configurable setting: environment reads and CLI options. */
const CONFIGURABLE_CALLS = new Set(['os.getenv', 'getenv', 'os.environ.get', 'environ.get', 'os.environ.setdefault', 'environ.setdefault']);
const CONFIGURABLE_CALL_NAMES = new Set(['add_argument', 'add_option', 'option', 'Option', 'Argument', 'config']);

/** Calls that open a connection to a service: a literal address given to them positionally is configuration too. */
const CONNECTION_FACTORY =
  /^(?:\w*Client|\w*Connection|\w*Pool|\w*Producer|\w*Consumer|Redis|StrictRedis|connect|create_engine|create_async_engine|from_url|create_pool)$/;

/** Example and template files show configuration; they are not the code that runs with it. */
const EXAMPLE_FILE = /(?:^|[._-])(?:example|sample|template)(?:[._-]|$)/i;

function stringContent(model: PythonModel, node: SyntaxNode): string | undefined {
  const match = /^[rRuU]?("""|'''|"|')([\s\S]*)\1$/.exec(nodeText(model, node));
  return match?.[2];
}

/** Where a literal address is configuration: a non-local IP, `host:port`, or a URL naming an IP or a port. */
function isAddress(value: string): boolean {
  const hostPort = HOST_PORT.exec(value);
  if (hostPort) return !LOCAL_HOST.test(hostPort[1]!) && Number(hostPort[2]) <= 65535;
  if (IPV4.test(value)) return !LOCAL_HOST.test(value);
  const url = URL.exec(value);
  if (!url) return false;
  const host = url[1]!;
  return !LOCAL_HOST.test(host) && (IPV4.test(host) || url[2] !== undefined);
}

/** The URL with its password masked, for the message. */
function credentialUrl(value: string): string | undefined {
  const match = CREDENTIAL_URL.exec(value);
  if (!match || PLACEHOLDER.test(match[3]!)) return undefined;
  return `${match[1]}://${match[2]}:***@${match[4]}`;
}

/** The name a literal is bound to: an assignment target, a keyword, a parameter, a dict key. */
function boundName(model: PythonModel, literal: SyntaxNode): string | undefined {
  const parent = literal.parent;
  const before = literal.prevSibling;
  if (!parent) return undefined;
  if (parent.name === 'AssignStatement' && before?.name === 'AssignOp') {
    const target = parent.firstChild!;
    if (target.name === 'VariableName') return nodeText(model, target);
    if (target.name === 'MemberExpression') return nodeText(model, target.lastChild!).replace(/^["']|["']$/g, '');
    return undefined;
  }
  if ((parent.name === 'ArgList' || parent.name === 'ParamList') && before?.name === 'AssignOp') {
    const name = parent.name === 'ParamList' && before.prevSibling?.name === 'TypeDef' ? before.prevSibling.prevSibling : before.prevSibling;
    return name?.name === 'VariableName' ? nodeText(model, name) : undefined;
  }
  if (parent.name === 'DictionaryExpression' && before?.name === ':') {
    const key = before.prevSibling;
    return key?.name === 'String' ? stringContent(model, key) : undefined;
  }
  return undefined;
}

/** `MongoClient("mongo:27017")`: the connection factory a literal is the first positional argument of. */
function connectionFactoryOf(model: PythonModel, literal: SyntaxNode): string | undefined {
  const argList = literal.parent;
  if (argList?.name !== 'ArgList' || literal.prevSibling?.name !== '(') return undefined;
  const callee = dottedName(model, argList.parent?.firstChild);
  return callee !== undefined && CONNECTION_FACTORY.test(lastSegment(callee)) ? callee : undefined;
}

/** Where a literal is a value the code uses: bound to a name, passed, returned, or in a collection; not a docstring or an expression on its own. */
function isUsedValue(literal: SyntaxNode): boolean {
  return ['AssignStatement', 'ArgList', 'ParamList', 'DictionaryExpression', 'ArrayExpression', 'TupleExpression', 'ReturnStatement'].includes(
    literal.parent?.name ?? '',
  );
}

/** Inside a call that reads the environment or declares a CLI option: the literal is the default of a setting. */
function isConfigurableDefault(model: PythonModel, literal: SyntaxNode): boolean {
  if (literal.parent?.name !== 'ArgList') return false;
  const callee = dottedName(model, literal.parent.parent?.firstChild);
  if (callee === undefined) return false;
  return CONFIGURABLE_CALLS.has(callee) || CONFIGURABLE_CALL_NAMES.has(lastSegment(callee)) || callee === 'env' || callee.startsWith('env.');
}

/** In the body of a settings class (pydantic's `BaseSettings` and the like), which fills its fields from the environment. */
function isInSettingsClass(model: PythonModel, literal: SyntaxNode): boolean {
  for (let node = literal.parent; node; node = node.parent) {
    if (node.name !== 'ClassDefinition') continue;
    const bases = node.getChild('ArgList');
    if (bases && /Settings\b/.test(nodeText(model, bases))) return true;
  }
  return false;
}

const CANDIDATE = /[a-z][a-z0-9+.-]*:\/\/|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[A-Za-z0-9]:\d{2,5}\b/gi;

export const hardcodedConfig = defineRule({
  meta: {
    code: 'PL311',
    name: 'python/hardcoded-config',
    summary: 'A literal connection string with credentials, or a literal IP address or `host:port` given to a setting-like name, in non-test code.',
    severity: 'warning',
    policy: 'Use configuration files and environment variables for all backend settings.',
    fixable: 'no',
    kinds: ['python'],
    localTo: 'top-level statement',
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'python',
      rationale:
        'An address or a connection string written into the code is right for one environment only: the code has to change (and be redeployed) to point staging at its own database, and the password inside a URL is in every clone of the repository. Read settings from the environment or a settings object, so each environment sets its own and credentials stay out of the code.' +
        EXEMPT_CODE_NOTE,
      bad: `DATABASE_URL = "postgresql://app:s3cret@10.0.4.12:5432/app"
CACHE_HOST = "10.0.4.20"
client = Kafka(bootstrap_servers="kafka-1.internal:9092")
`,
      good: `import os

DATABASE_URL = os.environ["DATABASE_URL"]
CACHE_HOST = os.environ.get("CACHE_HOST", "localhost")
client = Kafka(bootstrap_servers=settings.kafka_servers)
`,
      peers:
        'Bandit and Ruff report hard-coded passwords and bind-all interfaces (S104), not configuration. PL311 reports two things in non-test code (the files `paths.tests` does not match): a connection URL of a database, cache or broker (`postgres://`, `mysql://`, `redis://`, `amqp://`, `mongodb://` …) with a password in it, wherever the code uses it (placeholders such as `${DB_PASSWORD}`, `{password}` or `<password>` are not passwords); and a non-local address (an IP, `host:port`, or a URL naming an IP or a port) bound to a setting-like name (one ending in host, port, url, uri, dsn, addr(ess), endpoint, server(s) or broker(s)) by an assignment, keyword argument, parameter default or dict key, or passed first to a connection factory (`MongoClient("mongo:27017")`, `redis.Redis(…)`, `create_engine(…)`, `*Client`, `*Pool`, `connect`). Example and template files (`settings.example.py`, `conf.sample.py`) are not judged. Loopback and bind-all addresses (`localhost` and its subdomains such as `app.localhost`, which resolve to loopback, `127.0.0.1`, `0.0.0.0`) are the same everywhere and are not reported; nor are the defaults of environment reads (`os.getenv("X", "…")`, `os.environ.get`), of CLI options (`add_argument`, click/typer options), or the fields of a settings class (`class Settings(BaseSettings)`), which the environment overrides. Docstrings and other lone strings are text, not values.',
    },
  },
  check(context) {
    if (isExemptCode(context) || EXAMPLE_FILE.test(context.relativePath.slice(context.relativePath.lastIndexOf('/') + 1))) return;
    const model = context.parsed;
    const literals = model.nodesAtText(CANDIDATE, (node) => (node.name === 'String' ? node : undefined));
    for (const literal of literals) {
      const value = stringContent(model, literal);
      if (value === undefined || !isUsedValue(literal) || model.hasErrorIn(literal.from, literal.to)) continue;
      if (isConfigurableDefault(model, literal) || isInSettingsClass(model, literal)) continue;
      const range = model.document.rangeOf(literal.from, literal.to);
      const masked = credentialUrl(value);
      const name = boundName(model, literal);
      const factory = connectionFactoryOf(model, literal);
      if (masked) {
        context.report({
          message: `Connection string with a password in the code ("${masked}"); read it from the environment (os.environ[...]) or a settings object.`,
          range,
        });
      } else if (name !== undefined && ADDRESS_WORD.test(name) && isAddress(value)) {
        context.report({
          message: `Hard-coded address "${value}" for "${name}"; read it from the environment (os.environ[...]) or a settings object so each environment sets its own.`,
          range,
        });
      } else if (factory !== undefined && isAddress(value)) {
        context.report({
          message: `Hard-coded address "${value}" passed to ${factory}(); read it from the environment (os.environ[...]) or a settings object so each environment sets its own.`,
          range,
        });
      }
    }
  },
});
