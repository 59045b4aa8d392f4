import type { SyntaxNode } from '@lezer/common';
import { defineRule } from '../../engine/rule';
import type { IndexedNodeType, PythonModel } from '../../languages/python';
import { nodeText } from './syntax';

/** Ruff's S105–S107 name pattern, plus the key names backend code uses for API credentials. */
const SECRET_NAME = /(?:^|_)(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?|api_?key|private_?key|access_?key)(?:$|_)/i;

/** A plain or bytes string literal with some content; f-strings and empty strings are not secrets. */
function secretLiteral(model: PythonModel, node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  if (node?.name !== 'String') return undefined;
  const content = nodeText(model, node).replace(/^[rRbBuU]*("""|'''|"|')([\s\S]*)\1$/, '$2');
  return content.length > 0 ? node : undefined;
}

/** The name a value is bound to: `password`, `self.password`, `config["password"]`. */
function targetName(model: PythonModel, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.name === 'VariableName') return nodeText(model, node);
  if (node.name !== 'MemberExpression') return undefined;
  const last = node.lastChild;
  if (last?.name === 'PropertyName') return nodeText(model, last);
  const key = last?.name === ']' ? last.prevSibling : undefined;
  return key?.name === 'String' ? nodeText(model, key).slice(1, -1) : undefined;
}

/**
 * Text that every module with a secret-looking name contains, so that most
 * modules skip the rule without visiting a node. `pass` alone is a keyword:
 * as a name it only appears joined by `_` or as a string key.
 */
const MAY_NAME_A_SECRET = /pas+wo?r?d|passphrase|pwd|token|secret|api_?key|private_?key|access_?key|_pass|pass_|["']pass["']/i;

function isSecretName(name: string | undefined): name is string {
  return name !== undefined && SECRET_NAME.test(name);
}

export const hardcodedSecret = defineRule({
  meta: {
    code: 'PL307',
    name: 'python/hardcoded-secret',
    summary: 'A string literal assigned or passed to a secret-looking name.',
    severity: 'error',
    policy: 'Secrets never live in code: they come from the environment or a secrets manager.',
    fixable: 'no',
    kinds: ['python'],
    docs: {
      language: 'python',
      rationale:
        'A password in source code is in every clone, every backup and every CI log of the repository, forever: rotating it means rewriting history. Reading it from the environment (or a secrets manager) at run time keeps it out of the repository and lets each environment have its own.',
      bad: 'DB_PASSWORD = "hunter2"\nclient = Client(api_key="sk-live-123")\n',
      good: 'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\nclient = Client(api_key=os.environ["PAYMENTS_API_KEY"])\n',
      peers:
        'Ruff/bandit S105 (assignments and comparisons), S106 (keyword arguments) and S107 (parameter defaults), with Ruff\'s name pattern (password, passwd, pwd, pass, passphrase, token, secret as a word of a snake_case name) extended by api_key, private_key and access_key. Like Ruff, an empty string is not reported and neither are f-strings. Plumbline also checks string keys of dict literals (`{"password": "…"}`) and subscript assignments (`config["token"] = "…"`).',
    },
  },
  check(context) {
    const model = context.parsed;
    if (!MAY_NAME_A_SECRET.test(model.text)) return;
    const report = (name: string, literal: SyntaxNode) =>
      context.report({
        message: `Hardcoded secret in "${name}"; read it from the environment (os.environ[...]) or a secrets manager instead.`,
        range: model.document.rangeOf(literal.from, literal.to),
      });
    const unbroken = (name: IndexedNodeType) => model.nodesOfType(name).filter((node) => !model.hasErrorIn(node.from, node.to));
    for (const node of unbroken('AssignStatement')) {
      const value = secretLiteral(model, node.lastChild);
      if (!value) continue;
      for (let child = node.firstChild; child && child.from < value.from; child = child.nextSibling) {
        const name = targetName(model, child);
        if (isSecretName(name)) report(name, value);
      }
    }
    for (const node of unbroken('BinaryExpression')) {
      const [left, operator, right] = [node.firstChild, node.firstChild?.nextSibling, node.lastChild];
      if (operator?.name !== 'CompareOp' || !/^[!=]=$/.test(nodeText(model, operator))) continue;
      for (const [side, other] of [[left, right], [right, left]] as const) {
        const name = targetName(model, side);
        const value = secretLiteral(model, other);
        if (value && isSecretName(name)) report(name, value);
      }
    }
    // Walks the siblings rather than building callArguments(): every call of the module passes through here.
    for (const node of unbroken('ArgList')) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        const assign = child.name === 'VariableName' ? child.nextSibling : null;
        if (assign?.name !== 'AssignOp') continue;
        const value = secretLiteral(model, assign.nextSibling);
        const keyword = nodeText(model, child);
        if (value && isSecretName(keyword)) report(keyword, value);
        child = assign;
      }
    }
    for (const node of unbroken('ParamList')) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name !== 'AssignOp') continue;
        const name = child.prevSibling?.name === 'TypeDef' ? child.prevSibling.prevSibling : child.prevSibling;
        const value = secretLiteral(model, child.nextSibling);
        const parameter = name ? nodeText(model, name) : undefined;
        if (value && isSecretName(parameter)) report(parameter, value);
      }
    }
    for (const node of unbroken('DictionaryExpression')) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name !== ':') continue;
        const key = child.prevSibling;
        const value = secretLiteral(model, child.nextSibling);
        const name = key?.name === 'String' ? nodeText(model, key).slice(1, -1) : undefined;
        if (value && isSecretName(name)) report(name, value);
      }
    }
  },
});
