import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql instance: the API's schema (imported by the form tests) and its CommonJS
  // dependencies (GraphQL Armor's rules) load graphql's index.js, so ESM imports must too.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: { include: ["src/**/*.test.{ts,tsx}"], environment: "node" },
});
