// One error type for bad input, carrying where the problem is so every front end
// (CLI, API importer, web) can say "line 12, column 4 (t3): 'abc' is not a number".

export interface InputErrorLocation {
  /** 1-based line in the source file. */
  line?: number;
  /** 1-based column in the source file. */
  column?: number;
  /** Column header or parameter name. */
  field?: string;
}

export class InputError extends Error {
  override readonly name = "InputError";
  readonly location: InputErrorLocation;
  /** The message without its location prefix. */
  readonly detail: string;
  constructor(message: string, location: InputErrorLocation = {}) {
    const where = [
      location.line !== undefined ? `line ${location.line}` : undefined,
      location.column !== undefined ? `column ${location.column}` : undefined,
      location.field !== undefined ? `(${location.field})` : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    super(where ? `${where}: ${message}` : message);
    this.location = location;
    this.detail = message;
  }
}

/** Thrown when a run is cancelled through its AbortSignal. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
  constructor(message = "run cancelled") {
    super(message);
  }
}

/** Thrown by estimators used before `fit`. */
export class NotFittedError extends Error {
  override readonly name = "NotFittedError";
  constructor(estimator: string) {
    super(`${estimator} is not fitted yet: call fit() first`);
  }
}

/** A run stopped because it went over one of its limits (time budget, memory cap). */
export class ResourceLimitError extends Error {
  override readonly name = "ResourceLimitError";
  constructor(
    readonly limit: "time" | "memory",
    message: string,
  ) {
    super(message);
  }
}
