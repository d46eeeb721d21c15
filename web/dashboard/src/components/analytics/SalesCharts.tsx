// Revenue, orders and average order value over time, from /admin/analytics/sales, in one currency.
// Each picture is a chart with its totals written beside it (what a screen reader and a quick look
// both want); the bars are exactly the report's rows of the chosen currency.
import type { ComponentProps, ReactNode } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { api } from '../../api.ts';
import { majorMoney, money, toMajor } from '../format.ts';
import { must, useLoad } from '../useLoad.ts';
import { ReportCard, csvText } from './ReportCard.tsx';
import { rangeQuery, type ReportFilters } from './filters.ts';

export function SalesCharts({ filters }: { filters: ReportFilters }) {
  const query = { ...rangeQuery(filters), granularity: filters.granularity };
  const sales = useLoad(
    async () => must(await api.GET('/admin/analytics/sales', { params: { query } })).rows,
    [filters.from, filters.to, filters.tz, filters.granularity],
  );
  const { currency } = filters;
  const rows = (sales.data ?? []).filter((r) => r.currency === currency);
  const data = rows.map((r) => ({
    period: r.period,
    revenue: toMajor(r.revenue, currency),
    orders: r.orders,
    aov: toMajor(r.averageOrderValue, currency),
  }));
  const revenue = rows.reduce((s, r) => s + r.revenue, 0);
  const orders = rows.reduce((s, r) => s + r.orders, 0);
  const fmt = (v: number) => majorMoney(v, currency);
  const csv = async () =>
    csvText(
      await api.GET('/admin/analytics/sales', { params: { query: { ...query, format: 'csv' } }, parseAs: 'text' }),
    );
  const card = {
    loading: sales.loading,
    error: sales.error,
    csv,
    csvName: 'sales',
    empty: !sales.loading && rows.length === 0,
  };
  const chart = { h: 220, data, dataKey: 'period' };
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }}>
      <SalesCard
        {...card}
        title="Revenue"
        figureLabel="Total revenue"
        figure="revenue-total"
        value={money(revenue, currency)}
      >
        <BarChart
          {...chart}
          series={[{ name: 'revenue', label: `Revenue (${currency})`, color: 'indigo.6' }]}
          valueFormatter={fmt}
          aria-label="Revenue chart"
        />
      </SalesCard>
      <SalesCard {...card} title="Orders" figureLabel="Orders" figure="orders-total" value={orders}>
        <BarChart
          {...chart}
          series={[{ name: 'orders', label: 'Orders', color: 'teal.6' }]}
          aria-label="Orders chart"
        />
      </SalesCard>
      <SalesCard
        {...card}
        title="Average order value"
        figureLabel="Over the range"
        figure="aov-total"
        value={money(orders ? Math.round(revenue / orders) : 0, currency)}
      >
        <LineChart
          {...chart}
          series={[{ name: 'aov', label: `Average order value (${currency})`, color: 'grape.6' }]}
          valueFormatter={fmt}
          curveType="linear"
          aria-label="Average order value chart"
        />
      </SalesCard>
    </SimpleGrid>
  );
}

/** One report card of the three: its total beside the label (`data-figure` names it), then its chart. */
function SalesCard(
  props: ComponentProps<typeof ReportCard> & { empty: boolean; figureLabel: string; figure: string; value: ReactNode },
) {
  const { figureLabel, figure, value, empty, children, ...report } = props;
  return (
    <ReportCard {...report}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text size="sm">{figureLabel}</Text>
          <Text fw={700} data-figure={figure}>
            {value}
          </Text>
        </Group>
        {empty ? <NoData /> : children}
      </Stack>
    </ReportCard>
  );
}

export const NoData = () => (
  <Text c="dimmed" size="sm">
    No data in this range.
  </Text>
);
