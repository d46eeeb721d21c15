import { Type, type Static } from 'typebox';

const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const Positive = Type.Integer({ minimum: 1 });
const Url = (protocols: string) => Type.String({ pattern: `^(${protocols})://` });

/** Every setting the process reads; env names are the property names. */
export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')]),
  HOST: Type.String({ minLength: 1 }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Union([
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ]),
  MODULES: Type.String({ pattern: '^(all|[a-z-]+(,[a-z-]+)*)$' }),
  /** What this process does with its modules: api = routes only, worker = bus consumers and tasks only, all = both. */
  ROLE: Type.Union([Type.Literal('all'), Type.Literal('api'), Type.Literal('worker')]),
  /** Extra module folders to host, for tests that define a module of their own. */
  EXTRA_MODULES: Type.Optional(Type.String()),
  DATA_DIR: Type.String({ minLength: 1 }),
  /** On an empty catalog, `npm start` seeds the demo shop (all modules hosted only). */
  SEED_DEMO: Type.Boolean(),
  SEED_DEMO_PRODUCTS: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /** The server-rendered storefront at `/`, served by the process hosting `product`. */
  STOREFRONT: Type.Boolean(),
  /** The staff dashboard at `/dashboard`, served by the process hosting `user` (built on start when its sources changed). */
  DASHBOARD: Type.Boolean(),
  DATABASE_URL: Type.Optional(Url('postgres|postgresql')),
  /** The role that owns the schemas: migrations (and role grants) run through it, the process itself with DATABASE_URL. */
  MIGRATION_DATABASE_URL: Type.Optional(Url('postgres|postgresql')),
  /** Prefix of the NOLOGIN roles migrations grant per module (`tessera_order`, `tessera_bus`, ...). */
  DB_ROLE_PREFIX: Type.String({ pattern: '^[a-z][a-z0-9_]{0,30}$' }),
  EMBEDDED_PG_PORT: Port,
  DB_POOL_MAX: Positive,
  /** How long a request or handler waits for a free ORM connection before it fails (a 503 for a request); 0 waits for ever. */
  DB_POOL_WAIT_MS: Type.Integer({ minimum: 0, maximum: 600_000 }),
  /** A transaction of the ORM pool left idle this long is ended by Postgres, releasing its locks; 0 never. */
  DB_IDLE_TRANSACTION_MS: Type.Integer({ minimum: 0, maximum: 3_600_000 }),
  BUS_POOL_MAX: Positive,
  BODY_LIMIT_BYTES: Positive,
  BUS_NOTIFY: Type.Boolean(),
  BUS_POLL_SECONDS: Type.Number({ minimum: 0.5 }),
  BUS_BACKGROUND_POLL_SECONDS: Type.Number({ minimum: 0.5 }),
  /** How often a process re-reads which conditional queues are wanted, besides on each change's NOTIFY (at most an hour: a timer past 24.8 days fires every millisecond). */
  BUS_INTEREST_CHECK_SECONDS: Type.Number({ minimum: 0.5, maximum: 3600 }),
  BUS_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 1000 }),
  /** Bus batches handled at once in this process, across all its queues. */
  BUS_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 64 }),
  /** How long a fetched event may stay unsettled before it is retried (its process died mid-batch). */
  BUS_EXPIRE_SECONDS: Type.Integer({ minimum: 5, maximum: 3600 }),
  /** How often a consuming process records the queues it works (platform.worker_heartbeat), for /ready. */
  BUS_HEARTBEAT_SECONDS: Type.Integer({ minimum: 1, maximum: 300 }),
  BUS_RETRY_LIMIT: Type.Integer({ minimum: 0, maximum: 100 }),
  BUS_RETRY_DELAY_SECONDS: Type.Integer({ minimum: 0 }),
  BUS_RETRY_DELAY_MAX_SECONDS: Positive,
  JWT_ISSUER: Type.String({ minLength: 1 }),
  JWT_AUDIENCE: Type.String({ minLength: 1 }),
  ACCESS_TOKEN_TTL_SECONDS: Positive,
  REFRESH_TOKEN_TTL_DAYS: Positive,
  AUTH_JWKS_URL: Type.Optional(Url('https?')),
  /** The process hosting `user`, asked about API keys by processes that do not host it. */
  AUTH_URL: Type.Optional(Url('https?')),
  /** How long such a process trusts an API key it was told about (a revocation reaches it within this). */
  AUTH_API_KEY_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600 }),
  ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  /** Password flows (login, register, reset): attempts per window for one (account, address) pair; see RATE_LIMITS. */
  AUTH_RATE_LIMIT_MAX: Positive,
  AUTH_RATE_LIMIT_WINDOW_SECONDS: Positive,
  /** argon2id cost of new password hashes (old hashes keep theirs and still verify). */
  PASSWORD_HASH_MEMORY_KIB: Type.Integer({ minimum: 1024, maximum: 4_194_304 }),
  PASSWORD_HASH_ITERATIONS: Type.Integer({ minimum: 1, maximum: 20 }),
  PASSWORD_HASH_PARALLELISM: Type.Integer({ minimum: 1, maximum: 16 }),
  /** How long the single-use links mailed to accounts stay valid. */
  PASSWORD_RESET_TTL_SECONDS: Positive,
  EMAIL_VERIFICATION_TTL_SECONDS: Positive,
  STAFF_INVITE_TTL_SECONDS: Positive,
  /** Where the links in account mails point: the shop for customers, the dashboard for staff. */
  STOREFRONT_URL: Url('https?'),
  DASHBOARD_URL: Url('https?'),
  /** Overrides of the built-in request limits, e.g. `checkout.ip=5/60,search.*=off` (http/limits.ts). */
  RATE_LIMITS: Type.String({ pattern: '^\\s*([\\w*-]+\\.[\\w*-]+=(off|\\d+/\\d+)\\s*(,\\s*|$))*$' }),
  /** Proxies whose X-Forwarded-For is believed: a comma list of addresses or CIDRs; empty trusts nobody. */
  TRUST_PROXY: Type.String({ pattern: '^[0-9a-fA-F.:/, ]*$' }),
  /** A second port serving /metrics and /docs only (bind it to an internal network). */
  OPS_PORT: Type.Optional(Port),
  /** A file holding the whole deployment's OpenAPI document (deploy/openapi.json), served at /docs/json
   *  instead of this process's own routes: behind a gateway, every process documents the whole API. */
  DOCS_DOCUMENT: Type.Optional(Type.String({ minLength: 1 })),
  /** A bearer token that opens /metrics and /docs on the public port. */
  OPS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** An OpenTelemetry collector's OTLP/HTTP base URL; unset: no spans are recorded or exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Url('https?')),
  /** The service name spans carry (a split deployment names each process group). */
  OTEL_SERVICE_NAME: Type.String({ pattern: '^[\\w.-]{1,64}$' }),
  REDIS_URL: Type.Optional(Url('rediss?')),
  /** How long store catalog reads stay cached (invalidated on every change anyway); 0 turns the cache off. */
  CATALOG_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 86_400 }),
  /** How long the storefront serves a rendered catalog page (home, listings, search, product) before
   *  rendering it again; staff changes show on those pages within this time. 0 turns it off. */
  STOREFRONT_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600 }),
  /** Longest a process keeps the search vocabulary (typo corrections) without seeing another process's catalog changes. */
  SEARCH_VOCABULARY_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400 }),
  /** Prefix of every Redis key, so several shops (or test runs) can share one Redis. */
  CACHE_PREFIX: Type.String({ pattern: '^[\\w:.-]{1,40}$' }),
  MEILI_URL: Type.Optional(Url('https?')),
  MEILI_KEY: Type.Optional(Type.String()),
  SMTP_URL: Type.Optional(Url('smtps?')),
  MAIL_FROM: Type.String({ minLength: 3 }),
  /** Outbound webhooks may go to private, loopback and link-local addresses (never in production). */
  WEBHOOK_ALLOW_PRIVATE: Type.Boolean(),
  /** Host names, addresses or CIDR ranges webhooks may reach even though they are not public. */
  WEBHOOK_ALLOW_HOSTS: Type.Optional(Type.String()),
  /** How long finished webhook deliveries (and their attempts) are kept for staff to read. */
  WEBHOOK_DELIVERY_RETENTION_DAYS: Positive,
  STRIPE_SECRET_KEY: Type.Optional(Type.String({ pattern: '^(sk|rk)_' })),
  STRIPE_WEBHOOK_SECRET: Type.Optional(Type.String({ pattern: '^whsec_' })),
  /** The storefront's Stripe Payment Element needs the publishable key (with STRIPE_SECRET_KEY). */
  STRIPE_PUBLISHABLE_KEY: Type.Optional(Type.String({ pattern: '^pk_' })),
  /** Where the Stripe SDK sends API calls; set only to point it at a local Stripe double in tests. */
  STRIPE_API_URL: Type.Optional(Url('https?')),
  /** `on` lets the `test` provider take orders in production (never for a real shop); elsewhere it is always on. */
  PAYMENT_TEST_PROVIDER: Type.Union([Type.Literal('on'), Type.Literal('off')]),
  /** Capture an authorized payment when the order ships (default) or at once. */
  PAYMENT_CAPTURE: Type.Union([Type.Literal('on_shipment'), Type.Literal('immediate')]),
  /** An order still awaiting payment after this long is canceled. */
  PAYMENT_TIMEOUT_SECONDS: Positive,
  /** An order still pending (never priced and reserved: a consumer is down) after this long is canceled. */
  ORDER_PENDING_TIMEOUT_SECONDS: Positive,
});

export type Config = Static<typeof ConfigSchema>;
