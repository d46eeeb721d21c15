// CSV import and export of products, prices and stock (ADR 0032 for the columns): pick a file, try
// it (dry run), read the problems by line, then apply. The server checks the whole file before it
// applies anything, so a refused file changed nothing and a dry run shows what Apply would do.
import { useState } from 'react';
import { Alert, Button, FileInput, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../session.tsx';
import type { Permission } from '../api.ts';
import { exportCsv, importCsv, type CsvKind, type ImportAnswer } from '../csv-api.ts';
import { downloadText } from '../components/format.ts';

const kinds: { kind: CsvKind; label: string; read: Permission; write: Permission; columns: string }[] = [
  {
    kind: 'products',
    label: 'Products',
    read: 'catalog:read',
    write: 'catalog:write',
    columns:
      'handle, title, status, sku; optional subtitle, description, variant_title, weight_grams, optionN_name/value',
  },
  {
    kind: 'prices',
    label: 'Prices',
    read: 'catalog:read',
    write: 'pricing:write',
    columns: 'sku, currency, amount (minor units; empty removes the price)',
  },
  {
    kind: 'inventory',
    label: 'Stock',
    read: 'stock:read',
    write: 'stock:adjust',
    columns: 'sku, location, on_hand (a counted figure)',
  },
];

export default function CsvImportPage() {
  const { can } = useSession();
  const visible = kinds.filter((k) => can(k.read) || can(k.write));
  const [kind, setKind] = useState<CsvKind>(visible[0]?.kind ?? 'products');
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [busy, setBusy] = useState<'dry' | 'apply' | 'export' | null>(null);
  const current = kinds.find((k) => k.kind === kind) ?? kinds[0];

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'apply');
    setAnswer(null);
    try {
      setAnswer(await importCsv(kind, await file.text(), dryRun));
    } catch (e) {
      setAnswer({ ok: false, message: e instanceof Error ? e.message : 'The import failed', errors: [] });
    } finally {
      setBusy(null);
    }
  };
  const download = async () => {
    setBusy('export');
    try {
      downloadText(`${kind}.csv`, await exportCsv(kind));
    } catch (e) {
      setAnswer({ ok: false, message: e instanceof Error ? e.message : 'The export failed', errors: [] });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack maw={900}>
      <Title order={1}>CSV import and export</Title>
      <SegmentedControl
        aria-label="What to import or export"
        value={kind}
        onChange={(v) => {
          setKind(visible.find((k) => k.kind === v)?.kind ?? kind);
          setAnswer(null);
        }}
        data={visible.map((k) => ({ value: k.kind, label: k.label }))}
      />
      <Text size="sm" c="dimmed">
        Columns: {current.columns}. The first line is the header; rows are matched by SKU.
      </Text>
      {can(current.read) && (
        <Group>
          <Button variant="default" loading={busy === 'export'} onClick={download}>
            Download {current.label.toLowerCase()} CSV
          </Button>
        </Group>
      )}
      {can(current.write) && (
        <>
          <FileInput
            label="CSV file"
            accept=".csv,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              setAnswer(null);
            }}
            clearable
          />
          <Group>
            <Button variant="light" disabled={!file} loading={busy === 'dry'} onClick={() => send(true)}>
              Dry run
            </Button>
            <Button disabled={!file} loading={busy === 'apply'} onClick={() => send(false)}>
              Apply
            </Button>
          </Group>
        </>
      )}
      {answer && <ImportResult answer={answer} />}
    </Stack>
  );
}

function ImportResult({ answer }: { answer: ImportAnswer }) {
  if (answer.ok) {
    const c = answer.counts;
    return (
      <Alert color="green" role="status" title={c.dryRun ? 'Dry run: the file is valid' : 'Imported'}>
        {c.rows} rows: {c.created} created, {c.updated} updated, {c.unchanged} unchanged
        {c.dryRun ? ' (nothing applied yet)' : ''}.
      </Alert>
    );
  }
  return (
    <Stack>
      <Alert color="red" role="alert" title="The file was refused; nothing was applied">
        {answer.message}
      </Alert>
      {answer.errors.length > 0 && (
        <Table striped withTableBorder aria-label="Problems by line">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {answer.errors.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.line}</Table.Td>
                <Table.Td>{e.column ?? '—'}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
