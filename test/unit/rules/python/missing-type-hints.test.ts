import { missingTypeHints } from '../../../../server/src/rules/python/missing-type-hints';
import { testRule } from '../../../helpers/ruleTester';

const M = '"""Module."""\n';

testRule(missingTypeHints, {
  valid: [
    `${M}def f(a: int, *args: str, **kwargs: object) -> None:\n    """F."""\n`,
    {
      name: 'an @override takes its signature from the method it overrides',
      code: `${M}from typing import override\n\n\nclass Report(Base):\n    """R."""\n\n    @override\n    def save(self, *args, **kwargs):\n        super().save(*args, **kwargs)\n`,
    },
    {
      name: 'self and cls need no annotation',
      code: `${M}class A:\n    def m(self) -> int:\n        return 1\n\n    @classmethod\n    def make(cls) -> "A":\n        return cls()\n`,
    },
    { name: 'private and nested functions are not checked', code: `${M}def _helper(x):\n    def inner(y):\n        return y\n    return inner(x)\n` },
    { name: 'lambdas are not checked', code: `${M}square = lambda x: x * x\n` },
    {
      name: 'the implementation behind @overload signatures, which carry its types',
      code: `${M}from typing import overload\n\n\n@overload\ndef parse(raw: str) -> int: ...\n@overload\ndef parse(raw: bytes) -> int: ...\ndef parse(raw):\n    return int(raw)\n`,
    },
    { name: 'broken header', code: `${M}def broken(a, :\n    pass\n` },
  ],
  invalid: [
    {
      name: 'an overload in another scope does not excuse a method of the same name',
      code: `${M}from typing import overload\n\n\n@overload\ndef load(key: str) -> str: ...\n@overload\ndef load(key: int) -> str: ...\ndef load(key):\n    return str(key)\n\n\nclass Store:\n    """S."""\n\n    def load(self, key) -> str:\n        return key\n`,
      errors: [{ line: 16, column: 20, endColumn: 23, message: 'Parameter "key" of "load" has no type annotation; add one.' }],
    },
    {
      name: 'unannotated parameters at their names, missing return type at the function name',
      code: `${M}def fetch(url, *args, timeout: float = 1.0, **kwargs):\n    return url\n`,
      errors: [
        { line: 2, column: 5, endColumn: 10, message: 'Function "fetch" has no return type annotation; add one.' },
        { line: 2, column: 11, endColumn: 14, message: 'Parameter "url" of "fetch" has no type annotation; add one.' },
        { line: 2, column: 17, endColumn: 21, message: 'Parameter "*args" of "fetch" has no type annotation; add one.' },
        { line: 2, column: 47, endColumn: 53, message: 'Parameter "**kwargs" of "fetch" has no type annotation; add one.' },
      ],
      output: null,
    },
    {
      name: 'adds -> None where nothing is returned, after a multi-line parameter list',
      code: `${M}def notify(\n    user: str,\n    text: str,\n):\n    if not text:\n        return\n    send(user, text)\n`,
      errors: [{ line: 2, column: 5, endColumn: 11, message: 'Function "notify" has no return type annotation; add one ("-> None": it returns nothing).' }],
      output: `${M}def notify(\n    user: str,\n    text: str,\n) -> None:\n    if not text:\n        return\n    send(user, text)\n`,
    },
    {
      name: "async method and __init__; a nested function's return does not count",
      code: `${M}class Worker:\n    def __init__(self, queue: str):\n        self.queue = queue\n\n    async def run(self):\n        def key(item):\n            return item.id\n        await process(self.queue, key)\n`,
      errors: [
        { line: 3, column: 9, message: 'Method "__init__" has no return type annotation; add one ("-> None": it returns nothing).' },
        { line: 6, column: 15, message: 'Method "run" has no return type annotation; add one ("-> None": it returns nothing).' },
      ],
      output: `${M}class Worker:\n    def __init__(self, queue: str) -> None:\n        self.queue = queue\n\n    async def run(self) -> None:\n        def key(item):\n            return item.id\n        await process(self.queue, key)\n`,
    },
    {
      name: 'no fix when a value is returned, yielded, or the body is a stub',
      code: `${M}def total(x: int):\n    return x + 1\n\n\ndef items():\n    yield 1\n\n\ndef later():\n    raise NotImplementedError\n`,
      errors: [
        { line: 2, column: 5, message: 'Function "total" has no return type annotation; add one.' },
        { line: 6, column: 5, message: 'Function "items" has no return type annotation; add one.' },
        { line: 10, column: 5, message: 'Function "later" has no return type annotation; add one.' },
      ],
      output: null,
    },
    {
      name: 'the first parameter of a bound Celery task is the task, as self is the instance',
      code: `${M}@app.task(bind=True, max_retries=3)\ndef send_invoice(self, invoice_id: int) -> None:\n    """Send."""\n\n\n@app.task\ndef ping(task) -> None:\n    """Ping."""\n`,
      errors: [{ line: 8, column: 10, message: 'Parameter "task" of "ping" has no type annotation; add one.' }],
      output: null,
    },
    {
      name: 'no -> None for a body that always ends by raising: its type is NoReturn (an override may promise a value)',
      code: `${M}class NoProxyTransport(Transport):\n    async def handle_request(self, request: Request):\n        raise Unsupported(f"no proxy for {request.url}")\n\n\ndef fail(reason: str):\n    if not reason:\n        reason = "unknown"\n    raise Abort(reason)\n`,
      errors: [
        { line: 3, column: 15, message: 'Method "handle_request" has no return type annotation; add one.' },
        { line: 7, column: 5, message: 'Function "fail" has no return type annotation; add one.' },
      ],
      output: null,
    },
    {
      name: 'no -> None for a method that writes return None: a default its overrides replace',
      code: `${M}class StaticHandler:\n    def compute_etag(self):\n        return None\n`,
      errors: [{ line: 3, column: 9, message: 'Method "compute_etag" has no return type annotation; add one.' }],
      output: null,
    },
    {
      name: 'no -> None when a syntax error in the body could hide a return value',
      code: `${M}def total(x: int):\n    value = (x +\n    return value\n`,
      errors: [{ line: 2, column: 5, message: 'Function "total" has no return type annotation; add one.' }],
      output: null,
    },
    {
      name: 'staticmethod: the first parameter is a real one',
      code: `${M}class A:\n    @staticmethod\n    def parse(text) -> int:\n        return int(text)\n`,
      errors: [{ line: 4, column: 15, message: 'Parameter "text" of "parse" has no type annotation; add one.' }],
    },
    {
      name: 'CRLF and tabs',
      code: '"""M."""\r\nclass A:\r\n\tdef run(self):\r\n\t\tself.go()\r\n',
      errors: [{ line: 3, column: 6 }],
      output: '"""M."""\r\nclass A:\r\n\tdef run(self) -> None:\r\n\t\tself.go()\r\n',
    },
  ],
});
