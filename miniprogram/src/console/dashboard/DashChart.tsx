import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas, View } from '@tarojs/components';
import { Axis, Canvas, Chart, Interval, createElement } from '@antv/f2';
import { chartRows, type ChartSpec } from './spec';

/**
 * One dashboard chart, drawn by AntV F2 on the platform's Canvas 2D (WeChat and Alipay
 * mini-programs, and a <canvas> in H5): the same way F2's own mini-program components do it,
 * through Taro's selector query, so one source serves the three builds. The legend, the
 * summary and the figures are text around it (ChartCard), so the chart itself has no text
 * that is not also readable.
 */
export function DashChart({ id, spec, tall = false }: { id: string; spec: ChartSpec; tall?: boolean }) {
  const canvas = useRef<{ chart: Canvas; width: number; height: number } | null>(null);
  // Bumped to measure again: the window changed size, or the layout was not settled yet.
  const [measure, setMeasure] = useState(0);
  const tries = useRef(0);

  useEffect(() => {
    const again = () => setMeasure((n) => n + 1);
    Taro.onWindowResize?.(again);
    return () => Taro.offWindowResize?.(again);
  }, []);

  useEffect(() => {
    let stopped = false;
    // After the canvas node is on the page (the query answers nothing before).
    void Taro.nextTick(() => {
      const query = Taro.createSelectorQuery();
      query.select(`#${id}`).boundingClientRect();
      query.select(`#${id}`).node();
      if (MEASURE_NODE) query.select(`#${id}-measure`).node();
      query.exec((res: Array<{ width?: number; height?: number; node?: CanvasNode } | null>) => {
        const rect = res?.[0];
        const node = res?.[1]?.node;
        const measureNode = res?.[2]?.node;
        if (stopped || !node) return;
        const width = Math.round(rect?.width ?? 0);
        const height = Math.round(rect?.height ?? 0);
        // A page's stylesheet that arrives after its script (H5) leaves the box tiny at first.
        if (width < MIN_SIZE || height < MIN_SIZE) {
          if (tries.current++ < 20) setTimeout(() => !stopped && setMeasure((n) => n + 1), 150);
          return;
        }
        tries.current = 0;
        const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
        const props = { pixelRatio, width, height, animate: false, children: chartOf(spec) };
        const drawn = canvas.current;
        if (drawn && drawn.width === width && drawn.height === height) {
          void drawn.chart.update(props);
          return;
        }
        // First drawing, or a new size: a fresh chart on a canvas of that size.
        drawn?.chart.destroy();
        node.width = width * pixelRatio;
        node.height = height * pixelRatio;
        const chart = new Canvas({
          ...props,
          context: node.getContext('2d') as CanvasRenderingContext2D,
          offscreenCanvas: measuringCanvas(measureNode) as HTMLCanvasElement | undefined,
          createImage: node.createImage ? () => node.createImage!() as HTMLImageElement : undefined,
        });
        canvas.current = { chart, width, height };
        void chart.render();
      });
    });
    return () => {
      stopped = true;
    };
  }, [id, spec, measure]);

  useEffect(
    () => () => {
      canvas.current?.chart.destroy();
      canvas.current = null;
    },
    [],
  );

  return (
    <View className={`dash-chart ${tall ? 'dash-chart-tall' : ''}`} aria-hidden="true">
      <TaroCanvas type="2d" id={id} canvasId={id} className="dash-canvas" />
      {MEASURE_NODE && <TaroCanvas type="2d" id={`${id}-measure`} canvasId={`${id}-measure`} className="dash-measure" />}
    </View>
  );
}

/** Smaller than this (px), the box has not been laid out yet. */
const MIN_SIZE = 40;

/**
 * F2 measures text on a canvas of its own, which it also resizes and draws on (so never the
 * chart's), kept for every chart after the first. A browser gives it one (H5: left to F2); a
 * mini-program gives one through createOffscreenCanvas (WeChat and Alipay base libraries of
 * the last years); on an older one, a hidden canvas beside each chart serves instead. Without
 * either, F2 would ask Taro's stand-in document for a canvas, which cannot draw.
 */
const OFFSCREEN: unknown =
  process.env.TARO_ENV !== 'h5' && typeof (Taro as { createOffscreenCanvas?: unknown }).createOffscreenCanvas === 'function'
    ? (() => {
        try {
          return (Taro as unknown as { createOffscreenCanvas(o: object): unknown }).createOffscreenCanvas({ type: '2d', width: 10, height: 10 });
        } catch {
          return null;
        }
      })()
    : null;
const MEASURE_NODE = process.env.TARO_ENV !== 'h5' && !OFFSCREEN;

function measuringCanvas(measureNode: CanvasNode | undefined): unknown {
  if (process.env.TARO_ENV === 'h5') return undefined;
  return OFFSCREEN ?? measureNode;
}

/** The platform's Canvas 2D node (a <canvas> element in H5). */
interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
  createImage?(): unknown;
}

/** F2's classic createElement; its typings want each component's own props type, which this file checks by hand. */
const h = createElement as unknown as (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => ReturnType<typeof createElement>;

/** The F2 chart for a spec: bars (side by side or stacked) on axes, or a ring. */
export function chartOf(spec: ChartSpec) {
  const data = chartRows(spec);
  const color = { field: 'series', range: spec.series.map((s) => s.colour) };
  if (spec.kind === 'donut') {
    return h(Chart, { data, coord: { type: 'polar', transposed: true, innerRadius: 0.62 }, scale: { y: { min: 0 } } }, h(Interval, { x: 'x', y: 'y', adjust: 'stack', color }));
  }
  const every = Math.max(1, spec.labelEvery);
  const ticks = countTicks(spec);
  return h(
    Chart,
    { data, scale: { y: { min: 0, max: ticks[ticks.length - 1], ticks } } },
    h(Axis, {
      field: 'x',
      style: { label: (text: string, index: number) => ({ text: index % every === 0 ? text : '', fontSize: '20px' }) },
    }),
    h(Axis, { field: 'y', tickCount: 4, style: { label: { fontSize: '20px' } } }),
    h(Interval, { x: 'x', y: 'y', color, adjust: spec.kind === 'stacked' ? 'stack' : spec.series.length > 1 ? 'dodge' : undefined }),
  );
}

/** Whole-number ticks for counts (0, 1, 2... or 0, 5, 10...): four steps up to the tallest bar or stack. */
export function countTicks(spec: ChartSpec): number[] {
  const tallest = Math.max(
    1,
    ...spec.categories.map((_, i) => (spec.kind === 'stacked' ? spec.series.reduce((a, s) => a + s.values[i], 0) : Math.max(...spec.series.map((s) => s.values[i])))),
  );
  const raw = tallest / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((c) => c >= raw) ?? 10 * magnitude);
  const steps = Math.ceil(tallest / step);
  return Array.from({ length: steps + 1 }, (_, i) => i * step);
}
