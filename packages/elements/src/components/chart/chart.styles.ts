import { css } from 'lit';

export default css`
  :host {
    --min-height: 160px;
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
    min-height: var(--min-height);
    overflow: hidden;
    /* Everything inside is absolutely placed, so the content never sizes the chart: with strict containment a
       drawing's layout, style and paint invalidations stop at the chart instead of reaching the whole page (Plotly
       measures text between its steps, forcing layout each time). */
    contain: strict;
  }
  [part='base'] {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
  }
  [part='header'] {
    flex: none;
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 8px 12px 0;
    min-width: 0;
  }
  [part='title'] {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='info-button'] {
    flex: none;
    display: inline-flex;
    border-color: transparent;
    background: transparent;
    padding: 3px 5px;
    color: var(--_color-text-muted);
  }
  [part='info-button'][aria-expanded='true'] {
    color: var(--_color-accent);
  }
  .body {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  [part='plot'] {
    position: absolute;
    inset: 0;
  }
  /* A drawing that no longer stands (no data now, an error, waiting for a graphics context) is hidden. Not while
     loading: a chart is loading only before its first drawing, when the plot is empty, and un-hiding a drawn plot
     would restyle every element Plotly made (visibility inherits) in the frame after each chart draws. */
  :host(:is([state='idle'], [state='empty'], [state='error'], [state='waiting'])) [part='plot'] {
    visibility: hidden;
  }
  [part='description'] {
    position: absolute;
    top: 4px;
    left: 8px;
    right: 8px;
    z-index: 2;
    margin: 0;
    padding: 8px 12px;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) - 2px);
    box-shadow: var(--_shadow);
    color: var(--_color-text-muted);
    line-height: 1.45;
  }
  [part='description'][hidden] {
    display: none;
  }
  .overlay {
    position: absolute;
    inset: 0;
  }
  .skeleton {
    position: absolute;
    inset: 12px;
  }
`;
