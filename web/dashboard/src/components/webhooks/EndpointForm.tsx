// Create or edit a webhook endpoint: its URL, the events it receives, a description and contact.
// A new endpoint's signing secret comes back once, in the answer to its creation.
import { useState, type FormEvent } from 'react';
import { Alert, Button, MultiSelect, Stack, Switch, TextInput } from '@mantine/core';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';

type Create = paths['/admin/webhooks']['post']['requestBody']['content']['application/json'];
type EventType = Create['eventTypes'][number];
export type Endpoint = paths['/admin/webhooks/{id}']['get']['responses'][200]['content']['application/json'];

export const eventTypes = [
  'order.placed.v1',
  'order.confirmed.v1',
  'order.canceled.v1',
  'payment.authorized.v1',
  'payment.failed.v1',
  'payment.captured.v1',
  'payment.refunded.v1',
  'shipment.created.v1',
  'shipment.shipped.v1',
  'shipment.delivered.v1',
  'product.created.v1',
  'product.updated.v1',
  'product.deleted.v1',
] as const satisfies readonly EventType[];

const known = (v: string[]): EventType[] => eventTypes.filter((t) => v.includes(t));

export function EndpointForm(props: { endpoint?: Endpoint; onSaved(secret: string | null): void }) {
  const { endpoint } = props;
  const [url, setUrl] = useState(endpoint?.url ?? 'https://');
  const [events, setEvents] = useState<string[]>(endpoint?.eventTypes ?? ['order.confirmed.v1']);
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [contactEmail, setContact] = useState(endpoint?.contactEmail ?? '');
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      url: url.trim(),
      eventTypes: known(events),
      description: description.trim() || null,
      contactEmail: contactEmail.trim() || null,
    };
    if (endpoint) {
      const { error: problem } = await api.PATCH('/admin/webhooks/{id}', {
        params: { path: { id: endpoint.id } },
        body: { ...body, enabled },
      });
      setBusy(false);
      if (problem) setError(problemMessage(problem, 'The endpoint was not saved'));
      else props.onSaved(null);
    } else {
      const { data, error: problem } = await api.POST('/admin/webhooks', { body });
      setBusy(false);
      if (!data) setError(problemMessage(problem, 'The endpoint was not created'));
      else props.onSaved(data.secret);
    }
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput label="URL" type="url" required value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
        <MultiSelect
          label="Events"
          withAsterisk
          searchable
          data={[...eventTypes]}
          value={events}
          onChange={setEvents}
        />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <TextInput
          label="Contact email"
          type="email"
          value={contactEmail}
          onChange={(e) => setContact(e.currentTarget.value)}
        />
        {endpoint && <Switch label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />}
        <Button type="submit" loading={busy} disabled={known(events).length === 0}>
          {endpoint ? 'Save endpoint' : 'Create endpoint'}
        </Button>
      </Stack>
    </form>
  );
}
