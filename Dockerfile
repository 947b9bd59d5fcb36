# One image for both deployed roles: `holdfast api` (the default) and `holdfast worker`.
# TypeScript runs through tsx (a runtime dependency), so there is no build stage.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first: this layer is rebuilt only when the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

# Not root: nothing here needs it. tsx caches its compiled files under the temp dir.
USER node
ENTRYPOINT ["node", "bin/holdfast.js"]
CMD ["api"]
