import { loadPlotly, type PlotlyLike, type PlotlyLoader } from '../plotly-loader.js';

export interface PlotlyCalls {
  newPlot: number;
  react: number;
  purge: number;
  resize: number;
  extendTraces: number;
}

/** The real Plotly wrapped to count calls, as a loader to hand to `<ocp-chart plotlyLoader>`. */
export async function spyPlotly(): Promise<{ calls: PlotlyCalls; loader: PlotlyLoader }> {
  const real = await loadPlotly();
  const calls: PlotlyCalls = { newPlot: 0, react: 0, purge: 0, resize: 0, extendTraces: 0 };
  const spy: PlotlyLike = {
    newPlot: (...a) => {
      calls.newPlot++;
      return real.newPlot(...a);
    },
    react: (...a) => {
      calls.react++;
      return real.react(...a);
    },
    extendTraces: (...a) => {
      calls.extendTraces++;
      return real.extendTraces!(...a);
    },
    purge: (root) => {
      calls.purge++;
      real.purge(root);
    },
    Plots: {
      resize: (root) => {
        calls.resize++;
        return real.Plots.resize(root);
      },
    },
  };
  return { calls, loader: () => Promise.resolve(spy) };
}
