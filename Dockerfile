# One image for every vodscope process; docker-compose picks the command per service.
# Stage 1 installs and compiles; stage 2 carries the compiled output, production dependencies and ffmpeg.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY apps ./apps
RUN npm install --no-audit --no-fund && npx turbo run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production \
    FFMPEG_PATH=/usr/bin/ffmpeg
USER node
CMD ["node", "apps/gateway/dist/server.js"]
