# One image for every TweetFlow process; docker-compose.yml picks the command.
# Checked by reading only: no Docker engine runs on the machines this was written on.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm --filter @tweetflow/web --filter @tweetflow/worker build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
RUN npm install -g pnpm@12.4.2
COPY --from=build /app /app
USER node
EXPOSE 3000
CMD ["node", "apps/web/server.js"]
