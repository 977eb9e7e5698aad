import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { Empty } from '../components/States';
import { DashChart } from './DashChart';
import type { ChartSpec } from './spec';

/**
 * One chart of the dashboard with what makes it readable without the picture: its title, a
 * one-sentence summary, the legend, and every figure in a table (shown on request). When
 * there is nothing to draw, the empty state says why instead of an empty frame.
 */
export function ChartCard({
  id,
  title,
  spec,
  empty,
  tall,
  header,
  footer,
  columns,
}: {
  id: string;
  title: string;
  spec: ChartSpec;
  /** Why there is nothing to draw, or null when there is. */
  empty: string | null;
  tall?: boolean;
  header?: ReactNode;
  footer?: ReactNode;
  /** The table's first column heading (the categories). */
  columns: { category: string };
}) {
  const { t } = useT();
  const [table, setTable] = useState(false);
  const totals = spec.series.map((s) => s.values.reduce((a, b) => a + b, 0));
  return (
    <View className="card dash-card" data-testid={`dash-${id}`} aria-label={title}>
      <View className="card-title">{title}</View>
      {header}
      {empty !== null ? (
        <Empty text={empty} />
      ) : (
        <View>
          <Text className="muted dash-summary" data-testid={`dash-${id}-summary`}>
            {spec.summary}
          </Text>
          <View className="dash-legend" data-testid={`dash-${id}-legend`} aria-label={t('dash.legend')}>
            {spec.series.map((s, i) => (
              <View key={s.key} className="dash-legend-item">
                <View className="dash-swatch" style={{ backgroundColor: s.colour }} />
                <Text>{spec.kind === 'donut' ? `${s.label} ${totals[i]}` : s.label}</Text>
              </View>
            ))}
          </View>
          <DashChart id={`dash-canvas-${id}`} spec={spec} tall={tall} />
          <Text className="console-link dash-toggle" data-testid={`dash-${id}-toggle`} onClick={() => setTable(!table)}>
            {table ? t('dash.hideTable') : t('dash.showTable')}
          </Text>
          {table && <FigureTable id={id} spec={spec} category={columns.category} totals={totals} />}
        </View>
      )}
      {footer}
    </View>
  );
}

function FigureTable({ id, spec, category, totals }: { id: string; spec: ChartSpec; category: string; totals: number[] }) {
  const { t } = useT();
  return (
    <View className="dash-table" data-testid={`dash-${id}-table`}>
      <View className="dash-tr dash-th">
        <Text className="dash-td">{category}</Text>
        {spec.series.map((s) => (
          <Text key={s.key} className="dash-td dash-num">
            {s.label}
          </Text>
        ))}
      </View>
      {spec.categories.map((c, i) => (
        <View key={`${c}-${i}`} className="dash-tr">
          <Text className="dash-td">{c}</Text>
          {spec.missing[i] ? (
            <Text className="dash-td dash-num muted">{t('dash.noSnapshot')}</Text>
          ) : (
            spec.series.map((s) => (
              <Text key={s.key} className="dash-td dash-num">
                {s.values[i]}
              </Text>
            ))
          )}
        </View>
      ))}
      {spec.categories.length > 1 && (
        <View className="dash-tr dash-th">
          <Text className="dash-td">{t('dash.total')}</Text>
          {totals.map((n, i) => (
            <Text key={spec.series[i].key} className="dash-td dash-num">
              {n}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
