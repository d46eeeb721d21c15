// The shopping funnel over the chosen range (/admin/analytics/funnel summed over its periods):
// how many viewed, added to cart, started checkout and confirmed, and each step's conversion.
import { BarChart } from '@mantine/charts';
import { Badge, Group, Stack, Table } from '@mantine/core';
import { api } from '../../api.ts';
import { percent } from '../format.ts';
import { must, useLoad } from '../useLoad.ts';
import { ReportCard, csvText } from './ReportCard.tsx';
import { rangeQuery, type ReportFilters } from './filters.ts';
import { NoData } from './SalesCharts.tsx';

const steps = [
  { key: 'viewed', label: 'Viewed' },
  { key: 'addedToCart', label: 'Added to cart' },
  { key: 'checkoutStarted', label: 'Checkout started' },
  { key: 'confirmed', label: 'Confirmed' },
] as const;

export function FunnelChart({ filters }: { filters: ReportFilters }) {
  const query = { ...rangeQuery(filters), granularity: filters.granularity };
  const funnel = useLoad(
    async () => must(await api.GET('/admin/analytics/funnel', { params: { query } })).rows,
    [filters.from, filters.to, filters.tz, filters.granularity],
  );
  const rows = funnel.data ?? [];
  const counts = steps.map((s) => ({ step: s.label, count: rows.reduce((n, r) => n + r[s.key], 0) }));
  const rate = (i: number) => (counts[i - 1].count ? counts[i].count / counts[i - 1].count : 0);
  const csv = async () =>
    csvText(
      await api.GET('/admin/analytics/funnel', { params: { query: { ...query, format: 'csv' } }, parseAs: 'text' }),
    );
  return (
    <ReportCard title="Funnel" csvName="funnel" csv={csv} loading={funnel.loading} error={funnel.error}>
      {!funnel.loading && rows.length === 0 ? (
        <NoData />
      ) : (
        <Stack gap="sm">
          <BarChart
            h={220}
            data={counts}
            dataKey="step"
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            series={[{ name: 'count', label: 'Shoppers', color: 'cyan.6' }]}
            aria-label="Funnel chart"
          />
          <Table aria-label="Funnel steps" withRowBorders={false}>
            <Table.Tbody>
              {counts.map((c, i) => (
                <Table.Tr key={c.step}>
                  <Table.Th scope="row">{c.step}</Table.Th>
                  <Table.Td data-step={steps[i].key}>{c.count}</Table.Td>
                  <Table.Td>
                    {i > 0 && (
                      <Badge variant="light" c="dark.8" color={rate(i) >= 0.5 ? 'teal' : 'orange'}>
                        {percent(rate(i))} from {counts[i - 1].step.toLowerCase()}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Badge variant="light" c="dark.8">
              Viewed to confirmed: {percent(counts[0].count ? counts[3].count / counts[0].count : 0)}
            </Badge>
          </Group>
        </Stack>
      )}
    </ReportCard>
  );
}
