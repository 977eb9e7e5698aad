import { useEffect, useRef } from 'react';
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
  const canvas = useRef<Canvas | null>(null);

  useEffect(() => {
    let stopped = false;
    // After the canvas node is on the page (the query answers nothing before).
    void Taro.nextTick(() => {
      const query = Taro.createSelectorQuery();
      query.select(`#${id}`).boundingClientRect();
      query.select(`#${id}`).node();
      query.exec((res: Array<{ width?: number; height?: number; node?: CanvasNode } | null>) => {
        const rect = res?.[0];
        const node = res?.[1]?.node;
        if (stopped || !rect?.width || !rect.height || !node) return;
        const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
        const props = {
          pixelRatio,
          width: rect.width,
          height: rect.height,
          animate: false,
          children: chartOf(spec),
        };
        if (canvas.current) {
          void canvas.current.update(props);
          return;
        }
        node.width = rect.width * pixelRatio;
        node.height = rect.height * pixelRatio;
        canvas.current = new Canvas({
          ...props,
          context: node.getContext('2d') as CanvasRenderingContext2D,
          // F2 measures text on an offscreen canvas, made with document.createElement where it is
          // not given one: in a mini-program that is Taro's stand-in element, which cannot draw.
          // The chart's own canvas measures as well.
          offscreenCanvas: node as unknown as HTMLCanvasElement,
          createImage: node.createImage ? () => node.createImage!() as HTMLImageElement : undefined,
        });
        void canvas.current.render();
      });
    });
    return () => {
      stopped = true;
    };
  }, [id, spec]);

  useEffect(
    () => () => {
      canvas.current?.destroy();
      canvas.current = null;
    },
    [],
  );

  return (
    <View className={`dash-chart ${tall ? 'dash-chart-tall' : ''}`} aria-hidden="true">
      <TaroCanvas type="2d" id={id} canvasId={id} className="dash-canvas" />
    </View>
  );
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
  return h(
    Chart,
    { data, scale: { y: { min: 0, nice: true } } },
    h(Axis, {
      field: 'x',
      style: { label: (text: string, index: number) => ({ text: index % every === 0 ? text : '', fontSize: '20px' }) },
    }),
    h(Axis, { field: 'y', tickCount: 4, style: { label: { fontSize: '20px' } } }),
    h(Interval, { x: 'x', y: 'y', color, adjust: spec.kind === 'stacked' ? 'stack' : spec.series.length > 1 ? 'dodge' : undefined }),
  );
}
