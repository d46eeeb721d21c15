// One report on the analytics page: its title, the picture, and a download of the same report as
// CSV from the report's own endpoint (`format=csv`), so the file matches what the server counts.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Group, Loader, Title } from '@mantine/core';
import { downloadText } from '../format.ts';

export function ReportCard(props: {
  title: string;
  csvName: string;
  csv: () => Promise<string>;
  loading: boolean;
  error: string | null;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setFailed(null);
    try {
      downloadText(`${props.csvName}.csv`, await props.csv());
    } catch (e) {
      setFailed(e instanceof Error ? e.message : 'The download failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-label={props.title}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={2} size="h4">
            {props.title}
          </Title>
          {props.loading && <Loader size="xs" aria-label={`Loading ${props.title}`} />}
        </Group>
        <Button
          size="xs"
          variant="default"
          loading={busy}
          onClick={download}
          aria-label={`Download CSV of ${props.title}`}
        >
          Download CSV
        </Button>
      </Group>
      {(props.error ?? failed) && (
        <Alert color="red" role="alert" mb="sm">
          {props.error ?? failed}
        </Alert>
      )}
      {props.children}
    </Card>
  );
}

/** A CSV answer of the typed client (parseAs: 'text'; the client still types it as JSON), or an Error. */
export function csvText(answer: { data?: unknown; error?: unknown }): string {
  if (typeof answer.data === 'string') return answer.data;
  throw new Error('The report could not be downloaded');
}
