// `npm run generate -w @exprlab/api`: writes apps/api/schema.graphql from the Pothos schema (read by
// the web app's graphql-codegen; a test fails when the committed file is out of date).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printedSchema } from "../src/graphql/schema.ts";

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "schema.graphql");
writeFileSync(target, printedSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
