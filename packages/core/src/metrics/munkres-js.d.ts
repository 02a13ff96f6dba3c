// Types for munkres-js 1.2.2 (CommonJS, ships none): module.exports = computeMunkres.
declare module "munkres-js" {
  /**
   * Minimum-cost assignment (Hungarian algorithm) on a rectangular cost matrix (padded with
   * `padValue`, default 0). Returns [row, column] pairs of the optimal assignment.
   */
  function computeMunkres(costMatrix: number[][], options?: { padValue?: number }): [number, number][];
  namespace computeMunkres {
    function make_cost_matrix(profitMatrix: number[][], inversion?: (x: number) => number): number[][];
  }
  export default computeMunkres;
}
