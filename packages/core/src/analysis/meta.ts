// What a method parameter's zod schema carries in `.meta()`: the form label, one line of help and
// the group it is shown in. Bounds come from the schema's own checks (min/max), defaults from
// `.default()`, so each fact about a parameter is written once.
import "zod";

export type ParamGroup = "main" | "advanced";

export interface ParamMeta {
  /** Form label, e.g. "LSTM hidden units". */
  label: string;
  /** One line shown under the field and in `exprlab methods`. */
  help: string;
  /** "main" fields are shown first; "advanced" ones are folded away. */
  group: ParamGroup;
  /** Unit shown after the value (e.g. "epochs", "genes"). */
  unit?: string;
}

declare module "zod" {
  interface GlobalMeta {
    label?: string;
    help?: string;
    group?: ParamGroup;
    unit?: string;
  }
}
