// Reads a small multipart/form-data body (text fields, then ONE file part) into memory, with a
// byte cap on the file. For the routes whose files are small by nature (a preview's first bytes,
// a GMT library); dataset imports stream instead (upload-router.ts).
import type { Readable } from "node:stream";
import busboy from "busboy";
import type { Request } from "express";
import { badInput } from "../errors.ts";

export interface MultipartFile {
  fields: Record<string, string>;
  filename: string;
  /** The file's bytes, at most maxBytes of them. */
  bytes: Buffer;
  /** True when the file was longer than maxBytes (the rest was discarded). */
  truncated: boolean;
}

export function readMultipartFile(req: Request, options: { maxBytes: number }): Promise<MultipartFile> {
  return new Promise((resolve, reject) => {
    if (!req.is("multipart/form-data")) {
      reject(badInput("body", "must be multipart/form-data with a file part"));
      return;
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 64 * 1024, fileSize: options.maxBytes } });
    } catch (error) {
      reject(badInput("body", error instanceof Error ? error.message : "bad multipart body"));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Promise<MultipartFile> | undefined;
    bb.on("field", (name, value) => {
      fields[name] = value;
    });
    bb.on("file", (_name, stream: Readable, info) => {
      if (file) {
        stream.resume();
        return;
      }
      file = new Promise((done, fail) => {
        const parts: Buffer[] = [];
        let truncated = false;
        stream.on("data", (chunk: Buffer) => parts.push(chunk));
        stream.on("limit", () => {
          truncated = true;
        });
        stream.on("error", fail);
        stream.on("end", () => done({ fields: { ...fields }, filename: info.filename || "", bytes: Buffer.concat(parts), truncated }));
      });
    });
    bb.on("error", (error) => reject(badInput("body", error instanceof Error ? error.message : "bad multipart body")));
    bb.on("close", () => {
      if (!file) reject(badInput("file", "is required (a multipart part named file, after the other fields)"));
      else file.then(resolve, reject);
    });
    req.on("aborted", () => reject(badInput("body", "the upload was interrupted")));
    req.pipe(bb);
  });
}
