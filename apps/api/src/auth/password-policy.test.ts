import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy.ts";

describe("passwordProblem", () => {
  it("refuses short, whitespace-only, repeated and common passwords (finding 14)", () => {
    expect(passwordProblem("1234567")).toMatch(/at least 8/);
    expect(passwordProblem("        ")).toMatch(/only spaces/);
    expect(passwordProblem("12345678")).toMatch(/most common/);
    expect(passwordProblem("Password1")).toMatch(/most common/);
    expect(passwordProblem(" qwertyuiop ")).toMatch(/most common/);
    expect(passwordProblem("zzzzzzzzzz")).toMatch(/repeated|most common/);
    expect(passwordProblem("x".repeat(257))).toMatch(/longer than 256/);
  });

  it("refuses the account's own email and name", () => {
    expect(passwordProblem("ada.lovelace@example.org", { email: "ada.lovelace@example.org" })).toMatch(/email/);
    expect(passwordProblem("adalovelace", { email: "adalovelace@example.org" })).toMatch(/email/);
    expect(passwordProblem("Ada Lovelace", { name: "Ada Lovelace" })).toMatch(/name/);
  });

  it("accepts a long passphrase and unusual passwords, counting characters not bytes", () => {
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    expect(passwordProblem("pw-3f9a1c-secret")).toBeNull();
    expect(passwordProblem("ÅßÇđ€ŋħĸ")).toBeNull();
  });
});
