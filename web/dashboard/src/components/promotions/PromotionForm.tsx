// Create or edit a promotion: a code (or automatic), percentage or fixed amounts per currency,
// a minimum subtotal, a usage limit and dates. The server decides what is valid; its problem is
// shown as it says it.
import { useState } from 'react';
import { Checkbox, Group, NumberInput, SegmentedControl, TextInput, Textarea } from '@mantine/core';
import type { paths } from '../../../../../client/index.ts';
import { api, problemMessage } from '../../api.ts';
import { SubmitForm } from '../SubmitForm.tsx';
import { ValidityFields } from '../ValidityFields.tsx';
import { CurrencyAmounts, fromList, fromLocalInput, toList, toLocalInput, type Amounts } from '../CurrencyAmounts.tsx';

export type Promotion = paths['/admin/promotions/{id}']['get']['responses'][200]['content']['application/json'];

export function PromotionForm({ promotion, onSaved }: { promotion?: Promotion; onSaved(): void }) {
  const [name, setName] = useState(promotion?.name ?? '');
  const [code, setCode] = useState(promotion?.code ?? '');
  const [description, setDescription] = useState(promotion?.description ?? '');
  const [kind, setKind] = useState<'percentage' | 'fixed'>(promotion?.kind === 'fixed' ? 'fixed' : 'percentage');
  const [percent, setPercent] = useState<number | string>(promotion?.percentBps ? promotion.percentBps / 100 : 10);
  const [amounts, setAmounts] = useState<Amounts>(fromList(promotion?.amounts ?? []));
  const [minSubtotal, setMinSubtotal] = useState<Amounts>(fromList(promotion?.minSubtotal ?? []));
  const [usageLimit, setUsageLimit] = useState<number | string>(promotion?.usageLimit ?? '');
  const [oncePerCustomer, setOnce] = useState(promotion?.oncePerCustomer ?? false);
  const [startsAt, setStartsAt] = useState(toLocalInput(promotion?.startsAt ?? null));
  const [endsAt, setEndsAt] = useState(toLocalInput(promotion?.endsAt ?? null));

  const submit = async () => {
    const body = {
      name,
      code: code.trim() || null,
      description: description.trim() || null,
      kind,
      percentBps: kind === 'percentage' ? Math.round(Number(percent) * 100) : null,
      amounts: kind === 'fixed' ? toList(amounts) : [],
      minSubtotal: toList(minSubtotal),
      usageLimit: usageLimit === '' ? null : Number(usageLimit),
      oncePerCustomer,
      startsAt: fromLocalInput(startsAt),
      endsAt: fromLocalInput(endsAt),
    };
    const { error: problem } = promotion
      ? await api.PATCH('/admin/promotions/{id}', { params: { path: { id: promotion.id } }, body })
      : await api.POST('/admin/promotions', { body });
    if (problem) return problemMessage(problem, 'The promotion was not saved');
    onSaved();
    return null;
  };

  return (
    <SubmitForm submitLabel={promotion ? 'Save promotion' : 'Create promotion'} onSubmit={submit}>
      <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <TextInput
        label="Code"
        description="Leave empty for an automatic promotion (applied without a code)"
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
      />
      <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      <SegmentedControl
        aria-label="Kind"
        value={kind}
        onChange={(v) => setKind(v === 'fixed' ? 'fixed' : 'percentage')}
        data={[
          { value: 'percentage', label: 'Percentage' },
          { value: 'fixed', label: 'Fixed amount' },
        ]}
      />
      {kind === 'percentage' ? (
        <NumberInput label="Percent off" min={0.01} max={100} decimalScale={2} value={percent} onChange={setPercent} />
      ) : (
        <CurrencyAmounts label="Amount off" value={amounts} onChange={setAmounts} min={0.01} />
      )}
      <CurrencyAmounts label="Minimum subtotal" value={minSubtotal} onChange={setMinSubtotal} />
      <Group grow>
        <NumberInput label="Usage limit" min={1} allowDecimal={false} value={usageLimit} onChange={setUsageLimit} />
        <Checkbox
          mt="lg"
          label="Once per customer"
          checked={oncePerCustomer}
          onChange={(e) => setOnce(e.currentTarget.checked)}
        />
      </Group>
      <Group grow>
        <ValidityFields startsAt={startsAt} endsAt={endsAt} onStartsAt={setStartsAt} onEndsAt={setEndsAt} />
      </Group>
    </SubmitForm>
  );
}
