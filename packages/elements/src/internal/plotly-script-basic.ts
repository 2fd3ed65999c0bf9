/** `plotly.js-basic-dist-min` in the standalone build: plotly-basic.min.js beside it (see plotly-script-loader.ts). */
import { scriptPlotly } from './plotly-script-loader.js';

export default scriptPlotly('plotly-basic.min.js', 'OCP_PLOTLY_BASIC_SRC');
