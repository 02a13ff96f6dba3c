// The API's answers for requests that never reach a route's own error handling: malformed or
// oversized JSON, unknown paths, anything thrown past a route. Always JSON in the GraphQL error
// shape ({ errors: [{ message, extensions: { code } }] }), never express's HTML page with a stack
// trace and the server's absolute paths.
import type { ErrorRequestHandler, RequestHandler } from "express";

/** Largest JSON body of POST /graphql (the web app's proxy refuses bigger ones first). */
export const JSON_BODY_LIMIT = "1mb";

function body(code: string, message: string): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json(body("NOT_FOUND", "No such endpoint: the API serves POST /graphql, POST /upload and GET /health."));
};

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

export function jsonErrorHandler(logError: (error: unknown) => void = (e) => console.error("[api]", e)): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const e = (error ?? {}) as HttpError;
    const status = e.status ?? e.statusCode ?? 500;
    if (e.type === "entity.parse.failed") {
      res.status(400).json(body("BAD_REQUEST", "The request body is not valid JSON."));
    } else if (e.type === "entity.too.large" || status === 413) {
      res.status(413).json(body("PAYLOAD_TOO_LARGE", `The request body is larger than ${JSON_BODY_LIMIT}.`));
    } else if (status >= 400 && status < 500 && e.expose) {
      res.status(status).json(body("BAD_REQUEST", "The request could not be read."));
    } else {
      logError(error);
      res.status(500).json(body("INTERNAL_SERVER_ERROR", "Internal server error."));
    }
  };
}
