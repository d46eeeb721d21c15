// Analytics (Step 6's reports as pictures): revenue, orders and average order value over time,
// the funnel, best sellers and searches without results, each downloadable as CSV. The range is
// of local days in the chosen time zone, as the reports count them.
import '@mantine/charts/styles.css';
import { useState } from 'react';
import { Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { currencies } from '../components/format.ts';
import { FunnelChart } from '../components/analytics/FunnelChart.tsx';
import { Rankings } from '../components/analytics/Rankings.tsx';
import { SalesCharts } from '../components/analytics/SalesCharts.tsx';
import { browserZone, localToday, zones, type Grain, type ReportFilters } from '../components/analytics/filters.ts';

const grains: Grain[] = ['day', 'week', 'month'];
const day = /^\d{4}-\d{2}-\d{2}$/;

export default function AnalyticsPage() {
  const [filters, setFilters] = useState<ReportFilters>(() => {
    const tz = browserZone();
    return { from: localToday(tz, -29), to: localToday(tz), tz, granularity: 'day', currency: 'EUR' };
  });
  const set = (patch: Partial<ReportFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const rangeError = filters.from > filters.to ? 'From is after To' : null;
  return (
    <Stack>
      <Title order={1}>Analytics</Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="From"
          type="date"
          value={filters.from}
          error={rangeError}
          onChange={(e) => day.test(e.currentTarget.value) && set({ from: e.currentTarget.value })}
        />
        <TextInput
          label="To"
          type="date"
          value={filters.to}
          onChange={(e) => day.test(e.currentTarget.value) && set({ to: e.currentTarget.value })}
        />
        <Select
          label="Group by"
          value={filters.granularity}
          allowDeselect={false}
          data={grains.map((g) => ({ value: g, label: g[0].toUpperCase() + g.slice(1) }))}
          onChange={(v) => set({ granularity: grains.find((g) => g === v) ?? 'day' })}
          w={120}
        />
        <Select
          label="Currency"
          value={filters.currency}
          allowDeselect={false}
          data={[...currencies]}
          onChange={(v) => v && set({ currency: v })}
          w={110}
        />
        <Select
          label="Time zone"
          value={filters.tz}
          allowDeselect={false}
          searchable
          data={zones()}
          onChange={(v) => v && set({ tz: v })}
          w={220}
        />
      </Group>
      {!rangeError && (
        <>
          <SalesCharts filters={filters} />
          <FunnelChart filters={filters} />
          <Rankings filters={filters} />
        </>
      )}
    </Stack>
  );
}
