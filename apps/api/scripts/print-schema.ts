// `npm run generate -w @exprlab/api`: writes apps/api/schema.graphql from the Pothos schema (read by
// the web app's graphql-codegen; a test fails when the committed file is out of date).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printedSchema } from "../src/graphql/schema.ts";

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "schema.graphql");
const printed = printedSchema();
// Rewrite only on change: npm start rebuilds the web app when this file is newer than its build.
if (existsSync(target) && readFileSync(target, "utf8") === printed) {
  console.log(`${path.relative(process.cwd(), target)} is up to date`);
} else {
  writeFileSync(target, printed);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
