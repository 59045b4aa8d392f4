import { hardcodedConfig } from '../../../../server/src/rules/python/hardcoded-config';
import { testRule } from '../../../helpers/ruleTester';

const address = (value: string, name: string) =>
  `Hard-coded address "${value}" for "${name}"; read it from the environment (os.environ[...]) or a settings object so each environment sets its own.`;

testRule(hardcodedConfig, {
  valid: [
    {
      name: 'settings read from the environment, with local defaults',
      code: 'import os\n\nDATABASE_URL = os.environ["DATABASE_URL"]\nCACHE_HOST = os.environ.get("CACHE_HOST", "10.0.4.20")\nBROKER_URL = os.getenv("BROKER_URL", "amqp://guest:guest@rabbit:5672//")\n',
    },
    {
      name: 'a pydantic settings class: the environment overrides its defaults',
      code: 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    POSTGRES_SERVER: str = "db:5432"\n    REDIS_URL: str = "redis://cache:6379/0"\n',
    },
    {
      name: 'loopback (localhost and its subdomains) and bind-all are the same everywhere',
      code: 'app.run(host="0.0.0.0", port=8000)\nREDIS_HOST = "localhost:6379"\nupstream = "http://127.0.0.1:8080"\nPARENT_HOST = "www.example.localhost:8000"\n',
    },
    { name: 'CLI option defaults are configurable', code: 'parser.add_argument("--api-url", default="http://10.0.0.7:8000")\n' },
    { name: 'test code', filename: 'tests/test_client.py', code: 'DATABASE_URL = "postgresql://app:s3cret@10.0.4.12:5432/app"\n' },
    { name: 'example configuration files', filename: 'deploy/settings.example.py', code: 'DB_HOST = "10.0.4.12"\n' },
    {
      name: 'a placeholder password is not a password',
      code: 'TEMPLATE = "postgresql://{user}:{password}@{host}/{db}"\nURL = "postgres://app:${DB_PASSWORD}@db/app"\n',
    },
    { name: 'a public API base URL is a constant, not environment configuration', code: 'STRIPE_API_URL = "https://api.stripe.com/v1"\n' },
    { name: 'docstrings and other lone strings are text', code: 'def connect():\n    """Connects to postgres://user:pass@host:5432/db by default."""\n' },
    { name: 'an address under a name that is not a setting', code: 'example = "10.0.0.1"\nversion = "1.2.3.4"\n' },
  ],
  invalid: [
    {
      name: 'a connection string with credentials, password masked in the message',
      code: 'DATABASE_URL = "postgresql://app:s3cret@10.0.4.12:5432/app"\n',
      errors: [
        {
          line: 1,
          column: 16,
          endColumn: 60,
          message:
            'Connection string with a password in the code ("postgresql://app:***@10.0.4.12:5432/app"); read it from the environment (os.environ[...]) or a settings object.',
        },
      ],
    },
    {
      name: 'redis with only a password, amqp passed positionally',
      code: 'import redis\n\ncache = redis.from_url("redis://:hunter2@cache:6379/0")\nbroker = Connection("amqp://worker:w0rk@rabbit//")\n',
      errors: [
        { line: 3, column: 24, message: /^Connection string with a password in the code \("redis:\/\/:\*\*\*@cache:6379\/0"\)/ },
        { line: 4, column: 21, message: /^Connection string with a password in the code \("amqp:\/\/worker:\*\*\*@rabbit\/\/"\)/ },
      ],
    },
    {
      name: 'addresses bound to setting-like names: assignment, attribute, keyword, default, dict key',
      code: [
        'CACHE_HOST = "10.0.4.20"',
        'config.kafka_servers = "kafka-1.internal:9092"',
        'client = Kafka(bootstrap_servers="kafka-1.internal:9092")',
        'def make(dsn="http://10.0.0.9/db"):',
        '    return {"endpoint": "https://search.internal:9200"}',
        '',
      ].join('\n'),
      errors: [
        { line: 1, column: 14, endColumn: 25, message: address('10.0.4.20', 'CACHE_HOST') },
        { line: 2, column: 24, message: address('kafka-1.internal:9092', 'kafka_servers') },
        { line: 3, column: 34, message: address('kafka-1.internal:9092', 'bootstrap_servers') },
        { line: 4, column: 14, message: address('http://10.0.0.9/db', 'dsn') },
        { line: 5, column: 25, message: address('https://search.internal:9200', 'endpoint') },
      ],
    },
    {
      name: 'a host:port passed to a client constructor',
      code: 'from pymongo import MongoClient\n\nclient = MongoClient("mongo:27017")\n',
      errors: [
        {
          line: 3,
          column: 22,
          message:
            'Hard-coded address "mongo:27017" passed to MongoClient(); read it from the environment (os.environ[...]) or a settings object so each environment sets its own.',
        },
      ],
    },
  ],
});
