// plotly.js-dist-min ships its own types, but the elements only rely on PlotlyLike; keep the import loose.
declare module 'plotly.js-dist-min';
declare module 'plotly.js-basic-dist-min';
