// A chart drawn with Observable Plot (SVG), for the managers' views. Plot is loaded the first time a
// chart is drawn, as its own chunk, so nobody else's pages download it. Every chart goes with a
// table of the same numbers (its children, under it): screen readers, tests, the CSV download and
// a failed drawing all rely on the table; the chart itself is one image with a summary in words.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export type PlotModule = typeof import('@observablehq/plot');

let loading: Promise<PlotModule> | undefined;
/** Observable Plot, loaded once. */
export const loadPlot = (): Promise<PlotModule> => (loading ??= import('@observablehq/plot'));

/** Series colours from the GOV.UK palette, distinct in order, each at least 3:1 against white. */
export const CHART_COLOURS = ['#1d70b8', '#f47738', '#00703c', '#912b88', '#d4351c', '#28a197', '#6f72af', '#b58840', '#505a5f', '#003078'];

/** The chart's drawing, at the width it has on screen. */
export type Draw = (Plot: PlotModule, width: number) => SVGSVGElement | HTMLElement;

export function Chart({ title, summary, draw, children }: { title: string; summary: string; draw: Draw; children: ReactNode }) {
  const headingId = useId();
  const frame = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'drawing' | 'drawn' | 'failed'>('drawing');
  const [width, setWidth] = useState(0);

  // Redraw when the space for the chart changes by more than a little (a window resized, a tablet turned).
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setWidth((current) => {
      const next = Math.round(element.clientWidth / 20) * 20;
      return next === current ? current : next;
    });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = frame.current;
    if (!element || width === 0) return;
    let cancelled = false;
    loadPlot()
      .then((Plot) => {
        if (cancelled) return;
        const drawn = draw(Plot, width);
        // The drawing is one image, its summary its label: Plot's labels on its parts (marks, axes)
        // are ARIA on elements that may not carry it (axe: aria-prohibited-attr), and say nothing more.
        for (const part of drawn.querySelectorAll('[aria-label], [aria-description]')) {
          part.removeAttribute('aria-label');
          part.removeAttribute('aria-description');
        }
        drawn.setAttribute('role', 'img');
        drawn.setAttribute('aria-label', `${title}: ${summary}`);
        element.replaceChildren(drawn);
        setState('drawn');
      })
      .catch(() => {
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
    };
  }, [draw, summary, title, width]);

  return (
    <section className="app-chart" aria-labelledby={headingId}>
      <h3 className="govuk-heading-s" id={headingId}>
        {title}
      </h3>
      <div className="app-chart__drawing" ref={frame} />
      {state === 'drawing' && <p className="govuk-body-s app-chart__note">Drawing the chart…</p>}
      {state === 'failed' && <p className="govuk-body-s app-chart__note">The chart could not be drawn. The table below has the same figures.</p>}
      {children}
    </section>
  );
}
