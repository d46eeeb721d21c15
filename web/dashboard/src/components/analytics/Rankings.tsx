// Best sellers (products and categories, by units or revenue, in the chosen currency) as bar
// charts with their figures below, and the searches that found nothing as a table: words are
// read, not looked at.
import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import { SegmentedControl, SimpleGrid, Table } from '@mantine/core';
import { api } from '../../api.ts';
import { dateTime, majorMoney, money, toMajor } from '../format.ts';
import { must, useLoad } from '../useLoad.ts';
import { ReportCard, csvText } from './ReportCard.tsx';
import { rangeQuery, type ReportFilters } from './filters.ts';
import { NoData } from './SalesCharts.tsx';

type By = 'units' | 'revenue';

export function Rankings({ filters }: { filters: ReportFilters }) {
  const [by, setBy] = useState<By>('revenue');
  const range = { ...rangeQuery(filters), limit: 10 };
  const deps = [filters.from, filters.to, filters.tz, by];
  const products = useLoad(
    async () => must(await api.GET('/admin/analytics/top-products', { params: { query: { ...range, by } } })).rows,
    deps,
  );
  const categories = useLoad(async () => {
    const [top, all] = await Promise.all([
      api.GET('/admin/analytics/top-categories', { params: { query: { ...range, by } } }),
      api.GET('/admin/categories'),
    ]);
    const names = new Map((all.data?.items ?? []).map((c) => [c.id, c.name]));
    return must(top).rows.map((r) => ({ ...r, title: names.get(r.categoryId) ?? r.categoryId.slice(0, 8) }));
  }, deps);
  const misses = useLoad(
    async () => must(await api.GET('/admin/analytics/search-misses', { params: { query: range } })).rows,
    [filters.from, filters.to, filters.tz],
  );
  const { currency } = filters;
  const value = (r: { units: number; revenue: number }) => (by === 'units' ? r.units : toMajor(r.revenue, currency));
  const chart = (rows: { title: string; units: number; revenue: number; currency: string }[], label: string) => {
    const mine = rows.filter((r) => r.currency === currency);
    if (mine.length === 0) return <NoData />;
    return (
      <>
        <BarChart
          h={Math.max(160, mine.length * 36)}
          data={mine.map((r) => ({ title: r.title, value: value(r) }))}
          dataKey="title"
          orientation="vertical"
          yAxisProps={{ width: 140 }}
          series={[{ name: 'value', label: by === 'units' ? 'Units' : `Revenue (${currency})`, color: 'indigo.6' }]}
          valueFormatter={by === 'units' ? undefined : (v) => majorMoney(v, currency)}
          aria-label={label}
        />
        <Table mt="sm" aria-label={`${label} figures`} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Units</Table.Th>
              <Table.Th>Revenue</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.units}</Table.Td>
                <Table.Td>{money(r.revenue, r.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </>
    );
  };
  const csvOf = (path: '/admin/analytics/top-products' | '/admin/analytics/top-categories') => async () =>
    csvText(await api.GET(path, { params: { query: { ...range, by, format: 'csv' } }, parseAs: 'text' }));
  const missesCsv = async () =>
    csvText(
      await api.GET('/admin/analytics/search-misses', {
        params: { query: { ...range, format: 'csv' } },
        parseAs: 'text',
      }),
    );
  return (
    <>
      <SegmentedControl
        aria-label="Rank best sellers by"
        value={by}
        onChange={(v) => setBy(v === 'units' ? 'units' : 'revenue')}
        data={[
          { value: 'revenue', label: 'By revenue' },
          { value: 'units', label: 'By units' },
        ]}
        w="fit-content"
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ReportCard
          title="Top products"
          csvName="top-products"
          csv={csvOf('/admin/analytics/top-products')}
          {...products}
        >
          {chart(products.data ?? [], 'Top products chart')}
        </ReportCard>
        <ReportCard
          title="Top categories"
          csvName="top-categories"
          csv={csvOf('/admin/analytics/top-categories')}
          {...categories}
        >
          {chart(categories.data ?? [], 'Top categories chart')}
        </ReportCard>
      </SimpleGrid>
      <ReportCard title="Searches without results" csvName="search-misses" csv={missesCsv} {...misses}>
        {(misses.data ?? []).length === 0 ? (
          <NoData />
        ) : (
          <Table striped aria-label="Searches without results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Query</Table.Th>
                <Table.Th>Searches</Table.Th>
                <Table.Th>Last seen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(misses.data ?? []).map((m) => (
                <Table.Tr key={m.query}>
                  <Table.Td>{m.query}</Table.Td>
                  <Table.Td>{m.searches}</Table.Td>
                  <Table.Td>{dateTime(m.lastSeen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </ReportCard>
    </>
  );
}
