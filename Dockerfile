# syntax=docker/dockerfile:1
# Build: compile TypeScript and generate the Prisma client (needs dev dependencies).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Run: production dependencies only, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PLANBOT_DATA_DIR=/var/lib/planbot
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# The compiled app carries its generated Prisma client, so the install needs no prisma CLI: its
# install script finds dist/generated and no prisma/ schema, and generates nothing. --omit=optional
# also leaves out the prisma CLI and TypeScript, which npm would otherwise add as optional peers.
COPY --from=build /app/dist ./dist
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force \
 && mkdir -p /var/lib/planbot && chown node:node /var/lib/planbot
COPY prisma ./prisma
COPY bin ./bin
COPY examples ./examples
COPY schemas ./schemas
USER node
VOLUME ["/var/lib/planbot"]
EXPOSE 3000
# /healthz answers while the process serves; the console mode (no chat credentials) has no server.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/planbot.js"]
CMD ["start"]
