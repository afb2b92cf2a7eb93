# The app for docker compose (or any container platform). PostgreSQL comes from DATABASE_URL;
# `npm start` applies migrations on start, then serves the build made here.
# No secret goes into the image: the build needs none, and .env files are not copied in
# (.dockerignore). At run time the app requires, in production, DATABASE_URL, AUTH_SECRET,
# NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, SMTP_URL and APP_URL, and refuses to start naming any that
# is missing (lib/env.ts; docker-compose.yml passes them).
FROM node:24-bookworm-slim

WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

COPY package.json package-lock.json ./
COPY scripts/generate-client.mjs scripts/generate-client.mjs
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

COPY . .
# Build once, and stamp the build so that start does not rebuild it.
RUN npm run build && chown -R node:node .next

USER node
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "scripts/start.ts"]
