// ECharts, tree-shaken to what ExprLab draws: confusion-matrix heatmaps, lines, bars (with error bars) and scatter plots on a canvas (expression heatmaps are drawn by components/heatmap directly).
import * as echarts from "echarts/core";
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  HeatmapChart,
  LineChart,
  BarChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  MarkLineComponent,
  DataZoomComponent,
  LegendComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export { echarts };
