// Typed GraphQL operations: the client preset reads every graphql(`...`) call under src/ and
// writes typed documents to src/generated/ (gitignored; `npm run generate` recreates it, and
// turbo runs `generate` before build, typecheck and test).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../api/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/generated/**"],
  ignoreNoDocuments: true,
  generates: {
    "src/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: true,
        scalars: { DateTime: "string", JSON: "unknown", ID: "string" },
      },
    },
  },
};

export default config;
