# One image for the API, the worker and the web app (docker-compose.yml picks the command).
# TypeScript runs through tsx (as in development); the web app is built with `next build`.
#   docker build -t exprlab .
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first (cached while only sources change).
COPY package.json package-lock.json .npmrc ./
COPY tooling/tsconfig/package.json tooling/tsconfig/
COPY tooling/eslint-config/package.json tooling/eslint-config/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund

# Optional native TensorFlow backend (downloads libtensorflow from Google at install; several
# times faster LSTM training than wasm): docker build --build-arg TFJS_NODE=1 .
ARG TFJS_NODE=0
RUN if [ "$TFJS_NODE" = "1" ]; then npm install --no-save --no-audit --no-fund @tensorflow/tfjs-node -w @exprlab/core; fi

COPY . .
# Prisma client, printed GraphQL schema and web types, then the production web build.
RUN npx turbo run generate --output-logs=errors-only \
 && cd apps/web && NODE_ENV=production npx next build

ENV NODE_ENV=production
EXPOSE 4000 3000
# The API by default; docker-compose.yml runs the worker and the web app from the same image.
CMD ["node", "--import", "tsx", "apps/api/src/server/main.ts"]
