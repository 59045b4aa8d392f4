import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { SourceDocument } from '../../../../server/src/engine/sourceDocument';
import { Workspace } from '../../../../server/src/engine/workspace';
import { builtinRules } from '../../../../server/src/rules';
import { missingDocstring } from '../../../../server/src/rules/python/missing-docstring';
import { testRule } from '../../../helpers/ruleTester';
import { makeWorkspace, removeWorkspace } from '../../../helpers/workspace';

const M = '"""Module."""\n';

testRule(missingDocstring, {
  valid: [
    { name: 'an empty __init__.py only marks a package', filename: 'billing/__init__.py', code: '' },
    { name: 'an empty module has nothing to document', filename: 'billing/plugins/publish.py', code: '# Reserved for the publishing plugin.\n' },
    { name: 'so does one with comments only', filename: 'billing/management/__init__.py', code: '# Django finds commands here.\n' },
    {
      name: 'documented module, class, method and function',
      code: `${M}class A:\n    """A."""\n\n    def m(self):\n        """M."""\n\n\ndef f():\n    """F."""\n`,
    },
    {
      name: 'private names and nested functions',
      code: `${M}def _helper():\n    def inner():\n        pass\n\n\nclass _Hidden:\n    def method(self):\n        pass\n`,
    },
    {
      name: 'methods of a private class and private methods',
      code: `${M}class Public:\n    """P."""\n\n    def _private(self):\n        pass\n\n    class _Inner:\n        pass\n`,
    },
    { name: 'class inside a function is private', code: `${M}def f():\n    """F."""\n    class Local:\n        def m(self):\n            pass\n` },
    { name: '__all__ decides module-level names', code: `${M}__all__ = ["used"]\n\n\ndef used():\n    """U."""\n\n\ndef unlisted():\n    pass\n` },
    { name: '__all__ as a bare tuple', code: `${M}__all__ = 'used', 'other'\n\n\ndef hidden():\n    pass\n` },
    {
      name: 'comments inside __all__; a docstring that mentions __all__ is no second __all__',
      code: '"""Names not in __all__ are private."""\n__all__ = [\n    # the API\n    "api",\n]\n\n\ndef helper():\n    pass\n',
    },
    {
      name: '@overload, @typing.override and property setters are exempt',
      code: `${M}from typing import overload, override\n\n\n@overload\ndef f(x: int) -> int: ...\n@overload\ndef f(x: str) -> str: ...\ndef f(x):\n    """F."""\n\n\nclass A:\n    """A."""\n\n    @property\n    def size(self):\n        """Size."""\n\n    @size.setter\n    def size(self, value):\n        pass\n\n    @size.deleter\n    def size(self):\n        pass\n\n    @typing.override\n    def run(self):\n        pass\n`,
    },
    { name: 'private module', filename: 'app/_internal.py', code: 'def f():\n    """F."""\n' },
    { name: 'module in a private package', filename: 'app/_impl/mod.py', code: 'def f():\n    """F."""\n' },
    { name: 'type stubs are not checked', filename: 'app/service.pyi', code: 'def f(x: int) -> int: ...\n' },
    { name: 'implicitly concatenated docstring', code: `${M}def f():\n    "Part one, " "part two."\n` },
    { name: 'a definition whose header is broken is left alone', code: `${M}def broken(a, :\n    pass\n` },
  ],
  invalid: [
    {
      name: 'module without docstring, at line 1; the stub goes after the shebang',
      code: '#!/usr/bin/env python3\nimport os\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 23,
          message: 'Public module "service" has no docstring; add one at the top that says what the module is for.',
        },
      ],
      suggestions: [[{ title: 'Add a module docstring stub', output: '#!/usr/bin/env python3\n"""TODO: Summarise what this module is for."""\nimport os\n' }]],
    },
    {
      name: 'a package __init__.py with code',
      filename: 'billing/__init__.py',
      code: 'from .api import charge\n',
      errors: [{ line: 1, column: 1, message: 'Public package "billing" has no docstring; add one to __init__.py that says what the package provides.' }],
      suggestions: [[{ title: 'Add a module docstring stub', output: '"""TODO: Summarise what the billing package provides."""\nfrom .api import charge\n' }]],
    },
    {
      name: 'google stub after decorators and a multi-line signature: Args without self, *args/**kwargs, Returns, Raises',
      code: `${M}class Client:\n    """C."""\n\n    @retry(times=3)\n    @log_calls\n    def fetch(\n        self,\n        url: str,\n        *args,\n        timeout: float = 1.0,\n        **kwargs,\n    ) -> bytes:\n        if not url:\n            raise ValueError(url)\n        def helper():\n            raise KeyError(1)\n            return 2\n        return b""\n`,
      errors: [{ line: 7, column: 9, endLine: 7, endColumn: 14, message: 'Public method "fetch" has no docstring; add one that says what it does.' }],
      suggestions: [
        [
          {
            title: 'Add a docstring stub to "fetch"',
            output: `${M}class Client:\n    """C."""\n\n    @retry(times=3)\n    @log_calls\n    def fetch(\n        self,\n        url: str,\n        *args,\n        timeout: float = 1.0,\n        **kwargs,\n    ) -> bytes:\n        """TODO: Summarise what fetch does.\n\n        Args:\n            url: TODO: Describe url.\n            *args: TODO: Describe args.\n            timeout: TODO: Describe timeout.\n            **kwargs: TODO: Describe kwargs.\n\n        Returns:\n            TODO: Describe the return value.\n\n        Raises:\n            ValueError: TODO: Say when.\n        """\n        if not url:\n            raise ValueError(url)\n        def helper():\n            raise KeyError(1)\n            return 2\n        return b""\n`,
          },
        ],
      ],
    },
    {
      name: 'numpy style, generator',
      options: { style: 'numpy' },
      code: `${M}async def stream(topic):\n    yield topic\n`,
      errors: [{ line: 2, column: 11, endColumn: 17, message: 'Public function "stream" has no docstring; add one that says what it does.' }],
      suggestions: [
        [
          {
            title: 'Add a docstring stub to "stream"',
            output: `${M}async def stream(topic):\n    """TODO: Summarise what stream does.\n\n    Parameters\n    ----------\n    topic\n        TODO: Describe topic.\n\n    Yields\n    ------\n    TODO: Describe the values yielded.\n    """\n    yield topic\n`,
          },
        ],
      ],
    },
    {
      name: 'sphinx style, classmethod skips cls',
      options: { style: 'sphinx' },
      code: `${M}class Repo:\n    """R."""\n\n    @classmethod\n    def load(cls, key):\n        raise LookupError\n`,
      errors: [{ line: 6, column: 9, message: 'Public method "load" has no docstring; add one that says what it does.' }],
      suggestions: [
        [
          {
            title: 'Add a docstring stub to "load"',
            output: `${M}class Repo:\n    """R."""\n\n    @classmethod\n    def load(cls, key):\n        """TODO: Summarise what load does.\n\n        :param key: TODO: Describe key.\n        :raises LookupError: TODO: Say when.\n        """\n        raise LookupError\n`,
          },
        ],
      ],
    },
    {
      name: 'one-line body moves below the stub; class stub is one line',
      code: `${M}class Empty: pass\n`,
      errors: [{ line: 2, column: 7, endColumn: 12, message: 'Public class "Empty" has no docstring; add one that says what it is for.' }],
      suggestions: [[{ title: 'Add a docstring stub to "Empty"', output: `${M}class Empty:\n    """TODO: Summarise what Empty is for."""\n    pass\n` }]],
    },
    {
      name: 'D105 magic method, D107 __init__, D106 nested class, __call__ as a method',
      code: `${M}class A:\n    """A."""\n\n    def __init__(self):\n        pass\n\n    def __eq__(self, other):\n        pass\n\n    def __call__(self):\n        pass\n\n    class Meta:\n        pass\n`,
      errors: [
        { line: 5, column: 9, message: 'Public __init__ method "__init__" has no docstring; add one that says what it does.' },
        { line: 8, column: 9, message: 'Public magic method "__eq__" has no docstring; add one that says what it does.' },
        { line: 11, column: 9, message: 'Public method "__call__" has no docstring; add one that says what it does.' },
        { line: 14, column: 11, message: 'Public nested class "Meta" has no docstring; add one that says what it is for.' },
      ],
    },
    {
      name: 'definitions under if TYPE_CHECKING and try blocks are module-level',
      code: `${M}from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    class Proto:\n        pass\ntry:\n    def fast():\n        pass\nexcept ImportError:\n    pass\n`,
      errors: [
        { line: 5, column: 11, message: 'Public class "Proto" has no docstring; add one that says what it is for.' },
        { line: 8, column: 9, message: 'Public function "fast" has no docstring; add one that says what it does.' },
      ],
    },
    {
      name: 'a later module-level __all__.extend makes __all__ unknowable, so names decide (as pydocstyle)',
      code: `${M}__all__ = ["api"]\n__all__.extend(EXTRA)\n\n\ndef helper():\n    pass\n\n\ndef _private():\n    pass\n`,
      errors: [{ line: 6, column: 5, message: 'Public function "helper" has no docstring; add one that says what it does.' }],
    },
    {
      name: 'a syntax error in the body, below the place of the docstring, does not hide the definition',
      code: `${M}class Disc:\n    def __init__(self):\n        self.fill(1.5, 6., 0)\n`,
      errors: [
        { line: 2, column: 7, message: 'Public class "Disc" has no docstring; add one that says what it is for.' },
        { line: 3, column: 9, message: 'Public __init__ method "__init__" has no docstring; add one that says what it does.' },
      ],
    },
    {
      name: 'unicode identifiers: columns count UTF-16 code units',
      code: `${M}def grüße(名前):\n    return 名前\n`,
      errors: [{ line: 2, column: 5, endColumn: 10, message: 'Public function "grüße" has no docstring; add one that says what it does.' }],
      suggestions: [
        [
          {
            title: 'Add a docstring stub to "grüße"',
            output: `${M}def grüße(名前):\n    """TODO: Summarise what grüße does.\n\n    Args:\n        名前: TODO: Describe 名前.\n\n    Returns:\n        TODO: Describe the return value.\n    """\n    return 名前\n`,
          },
        ],
      ],
    },
    {
      name: 'CRLF file: the stub uses CRLF',
      code: '"""M."""\r\ndef f():\r\n    pass\r\n',
      errors: [{ line: 2, column: 5 }],
      suggestions: [[{ title: 'Add a docstring stub to "f"', output: '"""M."""\r\ndef f():\r\n    """TODO: Summarise what f does."""\r\n    pass\r\n' }]],
    },
    {
      name: "tab-indented file: the stub follows the body's tabs",
      code: `${M}class T:\n\t"""T."""\n\n\tdef run(self):\n\t\tpass\n`,
      errors: [{ line: 5, column: 6 }],
      suggestions: [
        [
          {
            title: 'Add a docstring stub to "run"',
            output: `${M}class T:\n\t"""T."""\n\n\tdef run(self):\n\t\t"""TODO: Summarise what run does."""\n\t\tpass\n`,
          },
        ],
      ],
    },
    {
      name: 'a syntax error elsewhere does not hide a missing docstring',
      code: `${M}def good():\n    pass\n\n\ndef bad(:\n    pass\n`,
      errors: [{ line: 2, column: 5, message: 'Public function "good" has no docstring; add one that says what it does.' }],
    },
    {
      name: 'a comment after the colon stays on the signature line',
      code: `${M}def f():  # noqa: E501\n    # explain\n    return 1\n`,
      errors: [{ line: 2, column: 5 }],
      suggestions: [
        [
          {
            title: 'Add a docstring stub to "f"',
            output: `${M}def f():  # noqa: E501\n    """TODO: Summarise what f does.\n\n    Returns:\n        TODO: Describe the return value.\n    """\n    # explain\n    return 1\n`,
          },
        ],
      ],
    },
  ],
});

it('PL301 lints a 20,000-line generated module and finds every undocumented function', () => {
  const parts = ['"""Generated."""\n'];
  for (let i = 0; i < 4000; i++) parts.push(`def f${i}(a, b):\n    total = a + b\n    return total\n\n\n`);
  const root = makeWorkspace({});
  try {
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const result = workspace.lint(new SourceDocument(path.join(root, 'big.py'), parts.join('')));
    const found = result.diagnostics.filter((d) => d.code === 'PL301');
    assert.equal(found.length, 4000);
    assert.deepEqual(found[3999]!.range.start, { line: 1 + 3999 * 5, character: 4 });
  } finally {
    removeWorkspace(root);
  }
});

it('PL301 stub summaries are reported by PL308 until replaced', () => {
  const root = makeWorkspace({});
  try {
    const workspace = new Workspace({ root, registry: builtinRules });
    workspace.index.scan();
    const file = path.join(root, 'app/jobs.py');
    const before = workspace.lint(new SourceDocument(file, `${M}def run(job):\n    job.start()\n`));
    const stub = before.diagnostics.find((d) => d.code === 'PL301')!.fixes![0]!;
    const text = `${M}def run(job):\n${stub.edits[0]!.newText}    job.start()\n`;
    const after = workspace.lint(new SourceDocument(file, text)).diagnostics;
    assert.deepEqual(
      after.filter((d) => d.code === 'PL301'),
      [],
    );
    assert.deepEqual(
      after.filter((d) => d.code === 'PL308').map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.message]),
      [[3, 8, 'This docstring still has a "TODO:" placeholder; replace it with real documentation.']],
    );
  } finally {
    removeWorkspace(root);
  }
});
