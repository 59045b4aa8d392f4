import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import { CHECK_TESTS_OPTION, isExemptCode, EXEMPT_CODE_NOTE } from '../support/exemptCode';
import type { PythonModel } from '../../languages/python';
import { judgeSecret } from '../support/secrets';
import { behaviourBases } from './support/definitions';
import { moduleFacts } from './support/moduleFacts';
import { lastSegment, nodeText, statementsOf } from './support/tree';

/**
 * Ruff's S105–S107 name words, plus the key names backend code uses for API
 * credentials; `pass` on its own is added below, as it needs care.
 */
const SECRET_WORDS = 'pas+wo?r?d|passphrase|pwd|token|secrete?|api_?key|private_?key|access_?key';

/** A secret-looking name: one of the words as a whole `_`-separated part of it. */
const SECRET_NAME = new RegExp(`(?:^|_)(?:${SECRET_WORDS}|pass)(?:$|_)`, 'i');

/**
 * Where a secret-looking name can be: each match is resolved to the
 * identifier or string key around it, so a module without one visits no
 * node at all. `pass` alone is a keyword: as a name it only appears joined
 * by `_` or as a string key.
 */
const MAY_NAME_A_SECRET = new RegExp(`${SECRET_WORDS}|_pass|pass_|["']pass["']`, 'gi');

/** The content of a plain or bytes string literal; f-strings are not literals. */
function stringContent(model: PythonModel, node: SyntaxNode): string {
  return nodeText(model, node).replace(/^[rRbBuU]*("""|'''|"|')([\s\S]*)\1$/, '$2');
}

function stringLiteral(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  return node?.name === 'String' ? node : undefined;
}

/** The name a node spells: an identifier, an attribute, or a string key's content. */
function nameOf(model: PythonModel, node: SyntaxNode): string | undefined {
  if (node.name === 'VariableName' || node.name === 'PropertyName') return nodeText(model, node);
  return node.name === 'String' ? nodeText(model, node).slice(1, -1) : undefined;
}

/** `obj.name` for its PropertyName, `obj["name"]` for its string key. */
function memberOf(name: SyntaxNode): SyntaxNode | undefined {
  const member = name.parent;
  if (member?.name !== 'MemberExpression') return undefined;
  const isAttribute = name.name === 'PropertyName' && member.lastChild?.from === name.from;
  const isKey = name.name === 'String' && name.nextSibling?.name === ']';
  return isAttribute || isKey ? member : undefined;
}

interface Binding {
  literal: SyntaxNode;
  /** The statement or expression that binds it, which must parse cleanly. */
  container: SyntaxNode;
}

/** The literal bound to a name by `name="…"` in a call, `name: str = "…"` in a signature or `"name": "…"` in a dict. */
function pairedLiteral(name: SyntaxNode): Binding | undefined {
  const container = name.parent!;
  const isDict = container.name === 'DictionaryExpression';
  if (name.name !== (isDict ? 'String' : 'VariableName')) return undefined;
  let next = name.nextSibling;
  if (container.name === 'ParamList' && next?.name === 'TypeDef') next = next.nextSibling;
  if (next?.name !== (isDict ? ':' : 'AssignOp')) return undefined;
  const literal = stringLiteral(next.nextSibling);
  return literal && { literal, container };
}

/** The literal a target is assigned (`name = "…"`, `self.name = "…"`) or compared with (`name == "…"`). */
function assignedOrComparedLiteral(model: PythonModel, target: SyntaxNode): Binding | undefined {
  const container = target.parent;
  if (container?.name === 'AssignStatement') {
    const literal = stringLiteral(container.lastChild);
    return literal && target.from < literal.from ? { literal, container } : undefined;
  }
  if (container?.name !== 'BinaryExpression') return undefined;
  const operator = container.firstChild?.nextSibling;
  if (operator?.name !== 'CompareOp' || !/^[!=]=$/.test(nodeText(model, operator))) return undefined;
  const literal = stringLiteral(container.firstChild?.from === target.from ? container.lastChild : container.firstChild);
  return literal && { literal, container };
}

function bindingOf(model: PythonModel, name: SyntaxNode): Binding | undefined {
  if (['ArgList', 'ParamList', 'DictionaryExpression'].includes(name.parent?.name ?? '')) return pairedLiteral(name);
  const target = name.name === 'VariableName' ? name : memberOf(name);
  return target && assignedOrComparedLiteral(model, target);
}

/** Bases whose class attributes are the members of an enumeration. */
const ENUM_BASES = new Set(['Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'TextChoices', 'IntegerChoices', 'Choices']);

/** `NONE = "none"`: a class constant whose string value spells its own name. */
function isSelfNamingConstant(model: PythonModel, statement: SyntaxNode): boolean {
  const target = statement.firstChild;
  const literal = stringLiteral(statement.lastChild);
  return (
    target?.name === 'VariableName' &&
    literal !== undefined &&
    target.nextSibling?.name === 'AssignOp' &&
    stringContent(model, literal).toLowerCase() === nodeText(model, target).toLowerCase()
  );
}

/**
 * `class GrantType(Enum): password = "password"`: a member's value names the
 * member, it is no credential. So in a plain class whose constants spell
 * their own names (`NONE = "none"`, `PASSWORD = "password"`, `LOGIN =
 * "login"`): the choices of a field, an enumeration written without Enum.
 */
function isEnumMember(model: PythonModel, statement: SyntaxNode): boolean {
  if (statement.name !== 'AssignStatement' || statement.parent?.name !== 'Body') return false;
  const owner = statement.parent.parent;
  if (owner?.name !== 'ClassDefinition') return false;
  const definition = moduleFacts(model).definitions.find((candidate) => candidate.kind === 'class' && candidate.node.from === owner.from);
  if (definition !== undefined && behaviourBases(model, definition).some((base) => ENUM_BASES.has(lastSegment(base)))) return true;
  return (
    isSelfNamingConstant(model, statement) &&
    statementsOf(statement.parent).some(
      (sibling) => sibling.from !== statement.from && sibling.name === 'AssignStatement' && isSelfNamingConstant(model, sibling),
    )
  );
}

function isSecretName(name: string | undefined): name is string {
  return name !== undefined && SECRET_NAME.test(name);
}

export const hardcodedSecret = defineRule({
  meta: {
    code: 'PL307',
    name: 'python/hardcoded-secret',
    summary: 'A string literal assigned or passed to a secret-looking name.',
    severity: 'error',
    peerCodes: ['S105', 'S106', 'S107'],
    policy: 'Secrets never live in code: they come from the environment or a secrets manager.',
    fixable: 'no',
    kinds: ['python'],
    localTo: 'top-level statement',
    options: CHECK_TESTS_OPTION,
    docs: {
      language: 'python',
      rationale:
        'A password in source code is in every clone, every backup and every CI log of the repository, forever: rotating it means rewriting history. Reading it from the environment (or a secrets manager) at run time keeps it out of the repository and lets each environment have its own.' +
        EXEMPT_CODE_NOTE,
      bad: `DB_PASSWORD = "hunter2"
client = Client(api_key="sk-live-123")
`,
      good: `import os

DB_PASSWORD = os.environ["DB_PASSWORD"]
client = Client(api_key=os.environ["PAYMENTS_API_KEY"])
`,
      peers:
        'Ruff/bandit S105 (assignments and comparisons), S106 (keyword arguments) and S107 (parameter defaults), with Ruff\'s name pattern (password, passwd, pwd, pass, passphrase, token, secret as a word of a snake_case name) extended by api_key, private_key and access_key. Like Ruff, an empty string is not reported and neither are f-strings. Unlike Ruff, the value must look like a credential (judged as PL105 and PL206 judge values): not a file path or file name (`"reset_password.html"`), a dotted class path, a sentence (`"Invalid or expired token."`), a masking marker (`"REDACTED"`, `"***CHANGED***"`), a command-line option (`"--passphrase-fd 0"`), a namespaced cache key (`"app:wiki:rebuild-lock"`), a URL without a password, an authentication mechanism, switch or sentinel (`"bearer"`, `"basic"`, `"oidc"`, `"none"`, `"true"`, `"unset"`), the name of the environment variable or setting that holds the secret (`"solr_password": "CKAN_SOLR_PASSWORD"`, `"SECRET_KEY"`), an error code or label that spells its own name (`PASSWORD_TOO_SHORT = "password_too_short"`, `SECRET = "Secret"`), a `${VAR}` reference, a value without letters or digits (`if key == "---"`) or of fewer than four characters (`if token == "def"`, a dev fallback `"a"`), and not the value of a name whose last word says it describes the secret (`token_type`, `password_file`, `auth_method`, `secret_name`, `access_key_id`, an S3-style `access_key` (the public half of a key pair), `token_url`, `login_status`, `password_min_length`, …). Well-known placeholders (`"changeme"`, `"password"`, `"your-token"`) are reported as default credentials, except in a comparison (`if SECRET_KEY == "change-me": raise …` rejects one) and in an enumeration (`class GrantType(Enum): password = "password"`, or a plain class whose constants spell their own names, as `NONE = "none"` beside `PASSWORD = "password"` do), whose members name themselves. Plumbline also checks string keys of dict literals (`{"password": "…"}`) and subscript assignments (`config["token"] = "…"`).',
    },
  },
  check(context) {
    if (isExemptCode(context)) return;
    const model = context.parsed;
    const names = model.nodesAtText(MAY_NAME_A_SECRET, (node) => (isSecretName(nameOf(model, node)) ? node : undefined));
    for (const name of names) {
      const binding = bindingOf(model, name);
      if (!binding || model.hasErrorIn(binding.container.from, binding.container.to) || isEnumMember(model, binding.container)) continue;
      const secretName = nameOf(model, name)!;
      const value = stringContent(model, binding.literal);
      const verdict = judgeSecret(secretName, value);
      if (verdict !== 'placeholder' && verdict !== 'credential') continue;
      // `if SECRET_KEY == "change-me": raise …` rejects the placeholder; comparing with one gives nothing away.
      if (verdict === 'placeholder' && binding.container.name === 'BinaryExpression') continue;
      context.report({
        message:
          verdict === 'placeholder'
            ? `Hardcoded default credential "${value}" in "${secretName}": wherever it is not overridden, the secret is one everybody knows; read it from the environment (os.environ[...]) or a secrets manager instead.`
            : `Hardcoded secret in "${secretName}"; read it from the environment (os.environ[...]) or a secrets manager instead.`,
        range: model.document.rangeOf(binding.literal.from, binding.literal.to),
      });
    }
  },
});
