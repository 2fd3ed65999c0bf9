// plotly.js-basic-dist-min ships no types; the SDK only hands it to the elements as a PlotlyLike.
declare module 'plotly.js-basic-dist-min';
