import { placeholder } from '../../../../server/src/rules/python/placeholder';
import { testRule } from '../../../helpers/ruleTester';

const NOT_IMPLEMENTED = 'raise NotImplementedError is a placeholder; implement this, or make the method abstract (@abstractmethod) if subclasses must.';

testRule(placeholder, {
  valid: [
    'def run() -> None:\n    """Run."""\n    work()\n',
    {
      name: 'abstract methods, Protocols and overloads may be stubs',
      code: 'from abc import ABC, abstractmethod\nfrom typing import Protocol, overload\n\n\nclass Store(ABC):\n    @abstractmethod\n    def get(self, key): ...\n\n    @abc.abstractmethod\n    def put(self, key, value):\n        raise NotImplementedError\n\n\nclass Reader(Protocol):\n    def read(self) -> bytes:\n        ...\n\n\n@overload\ndef parse(x: int) -> int: ...\n@overload\ndef parse(x: str) -> str: ...\ndef parse(x):\n    return x\n',
    },
    {
      name: 'a class that refuses an operation in its special method: a read-only mapping, an object that cannot be pickled',
      code: 'class Sections:\n    """The sections of a document, read-only."""\n\n    def __getitem__(self, key):\n        return self._data[key]\n\n    def __setitem__(self, key, value):\n        raise NotImplementedError\n\n    def __delitem__(self, key):\n        raise NotImplementedError\n\n    def __reduce__(self):\n        raise NotImplementedError("sections cannot be pickled")\n',
    },
    {
      name: 'an override that turns inherited behaviour off: a query runner with no connection to test',
      code: 'class CsvRunner(BaseQueryRunner):\n    """Runs queries over an uploaded CSV file."""\n\n    def test_connection(self):\n        pass\n\n    def run_query(self, query):\n        return load(query)\n',
    },
    { name: '.pyi stubs', filename: 'app/service.pyi', code: 'def run() -> None: ...\nclass A:\n    def m(self) -> int:\n        raise NotImplementedError\n' },
    {
      name: 'pass in a class body or a handler is not a placeholder function',
      code: 'class Missing(Exception):\n    pass\n\ntry:\n    run()\nexcept KeyError:\n    pass\n',
    },
    {
      name: 'an optional hook written ... beside the abstract methods of an …Interface class',
      code: 'from abc import ABC, abstractmethod\n\n\nclass SearchInterface(ABC):\n    @abstractmethod\n    def get_index(self):\n        """The index to search."""\n\n    def get_settings(self):\n        """Settings for advanced search."""\n        ...\n',
    },
    {
      name: 'the methods an …Interface or Base… class leaves to its subclasses, written before abc',
      code: 'class SessionInterface:\n    def open_session(self, app, request):\n        raise NotImplementedError()\n\n\nclass BaseStore:\n    def get(self, key):\n        raise NotImplementedError\n',
    },
    {
      name: 'a Django abstract model (class Meta: abstract = True) leaves methods to the models built on it',
      code: 'class Ordered(models.Model):\n    position = models.IntegerField()\n\n    class Meta:\n        abstract = True\n\n    def siblings(self):\n        raise NotImplementedError("no siblings query")\n\n    def on_move(self, old, new):\n        pass\n',
    },
    {
      name: 'messages that leave the method to subclasses in other words, and a default hook whose docstring hands it to subclasses',
      code: 'class Archive(Record):\n    def storage_key(self):\n        raise NotImplementedError("Records kept in an archive should implement storage_key")\n\n    def purge(self):\n        raise NotImplementedError("purge needs to be implemented")\n\n\nclass Pipeline:\n    def before_step(self, step):\n        """A hook for subclasses to prepare each step."""\n        pass\n\n    def run(self):\n        for step in self.steps:\n            self.before_step(step)\n',
    },
    {
      name: 'a framework subclass whose message says the method must be implemented, and a backend that does not implement an operation',
      code: 'class KeyValueBackend(Backend):\n    def get(self, key):\n        raise NotImplementedError("Must implement the get method.")\n\n    def add_to_chord(self, group_id, result):\n        raise NotImplementedError(f"{type(self).__name__} does not implement chords")\n',
    },
    {
      name: 'a CLI group that only gathers its subcommands, a callback named as a no-op, and a refusal for good',
      code: 'import click\n\n\n@cli.group("user")\ndef user_group():\n    """Manage users."""\n    pass\n\n\ndef _do_nothing(*args):\n    pass\n\n\nclass PayPalWallet(FiatProvider):\n    def pay_invoice(self, invoice):\n        raise NotImplementedError("PayPal does not support outgoing payments.")\n',
    },
    {
      name: "a module's setup() hook with nothing to set up, which a plugin loader calls in every module",
      code: 'def setup():\n    pass\n',
    },
    {
      name: 'a TODO file named as where work is tracked, and an issue cited on the comment line below the marker',
      code: 'def parse(text):\n    # see TODO file, tag :cleanup:\n    # TODO: drop the fallback after\n    #   https://tracker.example.com/issues/126\n    return text\n',
    },
    {
      name: 'a TODO note in a real docstring whose paragraph cites its issue',
      code: 'def verify(token):\n    """Check the token\'s signature.\n\n    TODO: move this check into the session store,\n    see https://tracker.example.com/issues/88.\n    """\n    return check(token)\n',
    },
    { name: 'words that merely contain TODO', code: '# TODOS are tracked in the board\nmastodon = 1\n' },
    {
      name: "an issue's bare number right after the marker, or after '# '",
      code: 'def translate(row):\n    # TODO: 5840 - translate the comments field too\n    # TODO # 3024 drop once every client sends ids\n    return row\n',
    },
    {
      name: "a class docstring that speaks of its subclasses, and a framework subclass's method whose docstring leaves it to them",
      code: 'class SearchIndex:\n    """Writes documents to the index; most subclasses only implement update()."""\n\n    def update(self, document):\n        raise NotImplementedError\n\n\nclass Channel(Configurable):\n    def send(self, message):\n        """Subclasses must implement the delivery."""\n        raise NotImplementedError\n',
    },
    { name: 'a pointer to a marker elsewhere', code: '# Open bounds stand in for None until the index accepts it (see module TODO).\nOPEN_END = "9999"\n' },
    {
      name: 'a class documented as a base for subclasses leaves its NotImplementedError methods to them',
      code: 'class Exporter(LoggingMixin):\n    """Subclass this to add an export format."""\n\n    def write(self, rows):\n        raise NotImplementedError\n',
    },
    {
      name: 'markers and NotImplementedError in strings, or raised as something else',
      code: 'HELP = "TODO: nothing, this is a string"\n\n\ndef check(error):\n    if isinstance(error, NotImplementedError):\n        return "raise NotImplementedError"\n    raise ValueError("NotImplementedError")\n',
    },
    {
      name: 'a class documented as a no-op, and a method whose docstring says it does nothing',
      code: [
        'class SilentTracer:',
        '    """Tracer used when tracing is off: every method is a no-op."""',
        '',
        '    def start_span(self, name):',
        '        pass',
        '',
        '    def finish(self):',
        '        ...',
        '',
        '',
        'class Plugin:',
        '    def on_shutdown(self):',
        '        """Does nothing by default; plugins override it when they hold resources."""',
        '',
        '',
        'class _NoopCache:',
        '    def set(self, key, value):',
        '        pass',
        '',
      ].join('\n'),
    },
    {
      name: 'NotImplementedError with a message after an if … return chain: the fall-through of an unsupported case',
      code: [
        'def discount_of(voucher, price):',
        '    if voucher.kind == "fixed":',
        '        return voucher.amount',
        '    if voucher.kind == "percent":',
        '        return price * voucher.rate',
        '    raise NotImplementedError(f"unknown voucher kind {voucher.kind!r}")',
        '',
      ].join('\n'),
    },
    {
      name: "a method left to subclasses of a framework's class, where ABCMeta would clash with its metaclass",
      code: 'class Spawner(LoggingConfigurable):\n    async def start(self):\n        raise NotImplementedError("Override in subclass. Must be a coroutine.")\n',
    },
    {
      name: 'a marker comment that cites its issue is tracked',
      code: 'x = 1  # TODO (BILL-568): drop after the migration\n# FIXME #412 leap years\n# TODO: see https://tracker.example.com/issues/77\n',
    },
    {
      name: 'NotImplementedError with a message on the path of an unsupported case',
      code: [
        'def encode(value, fmt):',
        '    if fmt == "json":',
        '        return dump_json(value)',
        '    elif fmt == "yaml":',
        '        return dump_yaml(value)',
        '    else:',
        '        raise NotImplementedError(f"format {fmt!r} is not supported")',
        '',
        '',
        'def compress(data, method):',
        '    match method:',
        '        case "gzip":',
        '            return gzip(data)',
        '        case _:',
        '            raise NotImplementedError("only gzip is supported")',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'the default hooks of a class written to be subclassed are not placeholders; what it leaves to subclasses is',
      code: [
        'class BaseTransport:',
        '    def close(self) -> None:',
        '        pass',
        '',
        '',
        'class Exporter:',
        '    def write(self, rows):',
        '        raise NotImplementedError("subclasses must implement write()")',
        '',
        '    def flush(self):',
        '        pass',
        '',
      ].join('\n'),
      errors: [{ line: 8, column: 15, endColumn: 34, message: NOT_IMPLEMENTED }],
    },
    {
      name: 'empty methods of an ordinary class and unconditional NotImplementedError stay placeholders, beside deliberate ones',
      code: [
        'class NullMetrics:',
        '    def increment(self, name):',
        '        pass',
        '',
        '',
        'class Metrics:',
        '    def increment(self, name):',
        '        pass',
        '',
        '    def flush(self):',
        '        raise NotImplementedError("flush is not written yet")',
        '',
      ].join('\n'),
      errors: [
        { line: 8, column: 9, endColumn: 13, message: '"increment" is a placeholder: its body is only "pass"; implement it or remove it.' },
        { line: 11, column: 15, endColumn: 34, message: NOT_IMPLEMENTED },
      ],
    },
    {
      name: 'a model whose Meta is not abstract, and a docstring that does not mention subclasses, leave a placeholder a placeholder',
      code: [
        'class Invoice:',
        '    class Meta:',
        '        ordering = ["-created"]',
        '',
        '    def total(self):',
        '        raise NotImplementedError',
        '',
        '    def recalculate(self):',
        '        """Recalculate the totals."""',
        '        pass',
        '',
      ].join('\n'),
      errors: [
        { line: 6, column: 15, endColumn: 34, message: NOT_IMPLEMENTED },
        { line: 10, column: 9, endColumn: 13, message: '"recalculate" is a placeholder: its body is only "pass"; implement it or remove it.' },
      ],
    },
    {
      name: 'an override written ... is a stub, where one written pass turns the inherited behaviour off',
      code: 'class Runner(BaseRunner):\n    def test_connection(self):\n        ...\n',
      errors: [{ line: 3, column: 9, endColumn: 12, message: '"test_connection" is a placeholder: its body is only "..."; implement it or remove it.' }],
    },
    {
      name: 'with only markers for bases (ABC, object, a metaclass), an empty method is still a placeholder',
      code: 'class Store(ABC):\n    def get(self, key):\n        pass\n\n\nclass Cache(object, metaclass=Registry):\n    def clear(self):\n        pass\n',
      errors: [
        { line: 3, column: 9, endColumn: 13, message: '"get" is a placeholder: its body is only "pass"; implement it or remove it.' },
        { line: 8, column: 9, endColumn: 13, message: '"clear" is a placeholder: its body is only "pass"; implement it or remove it.' },
      ],
    },
    {
      name: 'a special method left to subclasses is still a placeholder: only a refusal is not',
      code: 'class Store:\n    def __setitem__(self, key, value):\n        raise NotImplementedError("must be implemented by subclass")\n\n    def __len__(self):\n        raise NotImplementedError\n',
      errors: [
        { line: 3, column: 15, endColumn: 34, message: NOT_IMPLEMENTED },
        { line: 6, column: 15, endColumn: 34, message: NOT_IMPLEMENTED },
      ],
    },
    {
      name: 'function bodies that are only pass or ..., after a docstring too',
      code: 'def refund(order_id):\n    pass\n\n\nasync def export():\n    """Export."""\n    ...\n',
      errors: [
        { line: 2, column: 5, endColumn: 9, message: '"refund" is a placeholder: its body is only "pass"; implement it or remove it.' },
        { line: 7, column: 5, endColumn: 8, message: '"export" is a placeholder: its body is only "..."; implement it or remove it.' },
      ],
    },
    {
      name: 'raise NotImplementedError outside abstract methods, at the exception name',
      code: 'class Exporter:\n    def to_csv(self):\n        raise NotImplementedError("later")\n\n    def to_json(self):\n        if self.fast:\n            raise NotImplementedError\n        return dump(self)\n',
      errors: [
        { line: 3, column: 15, endColumn: 34, message: NOT_IMPLEMENTED },
        { line: 7, column: 19, endColumn: 38, message: NOT_IMPLEMENTED },
      ],
    },
    {
      name: 'outside a class there is no method to make abstract',
      code: 'def export_pdf(report):\n    raise NotImplementedError("later")\n',
      errors: [{ line: 2, column: 11, endColumn: 30, message: 'raise NotImplementedError is a placeholder; implement this, or remove it.' }],
    },
    {
      name: 'a TODO note in a real docstring is a marker, not a stub placeholder; a tracked note in the next paragraph does not cover it',
      code: 'def verify(token):\n    """Check the token\'s signature.\n\n    TODO: move this check into the session store.\n\n    FIXME: tracked as BILL-12.\n    """\n    return check(token)\n',
      errors: [{ line: 4, column: 5, endColumn: 9, message: 'TODO in a docstring: resolve it, or track it in an issue, before merging.' }],
    },
    {
      name: 'TODO, FIXME and XXX comments at the marker',
      code: 'x = 1  # TODO: remove\n# FIXME broken on leap years\ny = 2  # see XXX\nTTL = 60  # TODO: 3600 should be a setting\n# 2.0 TODO: drop the legacy view\n# XXX: trim the path to fit within\n# 260 characters\n',
      errors: [
        { line: 1, column: 10, endColumn: 14, message: 'TODO comment: resolve it, or track it in an issue, before merging.' },
        { line: 2, column: 3, endColumn: 8, message: 'FIXME comment: resolve it, or track it in an issue, before merging.' },
        { line: 3, column: 14, endColumn: 17, message: 'XXX comment: resolve it, or track it in an issue, before merging.' },
        { line: 4, column: 13, endColumn: 17, message: 'TODO comment: resolve it, or track it in an issue, before merging.' },
        { line: 5, column: 7, endColumn: 11, message: 'TODO comment: resolve it, or track it in an issue, before merging.' },
        { line: 6, column: 3, endColumn: 6, message: 'XXX comment: resolve it, or track it in an issue, before merging.' },
      ],
    },
    {
      name: 'docstring stubs and TODO comments in .pyi files',
      filename: 'app/service.pyi',
      code: '"""TODO: Summarise what this module is for."""\ndef run() -> None: ...  # TODO\n',
      errors: [
        { line: 1, column: 4, endColumn: 8, message: 'This docstring still has a "TODO:" placeholder; replace it with real documentation.' },
        { line: 2, column: 27, endColumn: 31 },
      ],
    },
    {
      name: 'tabs, CRLF and a broken function elsewhere',
      code: 'def broken(:\r\n\tpass\r\n\r\ndef stub():\r\n\tpass\r\n',
      errors: [{ line: 5, column: 2, endColumn: 6 }],
    },
  ],
});
