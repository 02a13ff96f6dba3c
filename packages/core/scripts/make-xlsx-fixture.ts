// Writes test/fixtures/small.xlsx: the matrix of small.csv as an Excel workbook (numbers as
// numbers, "NA" as text in g1/t4h, an empty cell for g3/t2h and for g3's symbol).
// Run: npx tsx packages/core/scripts/make-xlsx-fixture.ts
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

const out = fileURLToPath(new URL("../test/fixtures/small.xlsx", import.meta.url));
const wb = new ExcelJS.Workbook();
wb.creator = "ExprLab";
wb.created = new Date(Date.UTC(2026, 0, 1));
wb.modified = wb.created;
const ws = wb.addWorksheet("expression");
ws.addRow(["gene", "symbol", "t0", "t2h", "t4h", "t8h"]);
ws.addRow(["g1", "TP53", 5.1, 5.3, "NA", 6.0]);
ws.addRow(["g2", "MYC", 7.0, 6.5, 6.1, 5.9]);
ws.addRow(["g3", null, 2.2, null, 3.1, 4.0]);
await wb.xlsx.writeFile(out);
console.log(`wrote ${out}`);
