/** `plotly.js-dist-min` in the standalone build: plotly.min.js beside it (see plotly-script-loader.ts). */
import { scriptPlotly } from './plotly-script-loader.js';

export default scriptPlotly('plotly.min.js', 'OCP_PLOTLY_SRC');
