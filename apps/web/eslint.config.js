import base from "@exprlab/eslint-config";

export default [...base];
