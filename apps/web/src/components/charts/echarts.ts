// ECharts, tree-shaken to what ExprLab draws: line plots on a canvas (heatmaps are drawn by
// components/heatmap directly).
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TooltipComponent,
  MarkLineComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  LineChart,
  GridComponent,
  TooltipComponent,
  MarkLineComponent,
  DataZoomComponent,
  LegendComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export { echarts };
