# One image for every vodscope process; docker-compose picks the command per service.
# Stage 1 installs and compiles; stage 2 carries the compiled output, production dependencies and ffmpeg.
# Manifests first, sources after: a source change reuses the cached `npm ci` layer. Node 22 (LTS) in
# the image; the code also runs on Node 20, which is what the project's own machines have.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/audio-analyzer/package.json apps/audio-analyzer/
COPY apps/chat-crawler/package.json apps/chat-crawler/
COPY apps/extractor/package.json apps/extractor/
COPY apps/gateway/package.json apps/gateway/
COPY packages/cli/package.json packages/cli/
COPY packages/contracts/package.json packages/contracts/
COPY packages/highlights/package.json packages/highlights/
COPY packages/infra/package.json packages/infra/
COPY packages/platforms/package.json packages/platforms/
COPY packages/runner/package.json packages/runner/
COPY packages/upstream-sim/package.json packages/upstream-sim/
COPY packages/worker-kit/package.json packages/worker-kit/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY apps ./apps
RUN npx turbo run build && npm prune --omit=dev

FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production \
    FFMPEG_PATH=/usr/bin/ffmpeg
USER node
CMD ["node", "apps/gateway/dist/server.js"]
