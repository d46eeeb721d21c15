// When a price list or promotion applies: two local date-times, either left empty for no bound.
// A fragment, so the caller's Group lays them out.
import { TextInput } from '@mantine/core';

export function ValidityFields(props: {
  startsAt: string;
  endsAt: string;
  onStartsAt(v: string): void;
  onEndsAt(v: string): void;
}) {
  return (
    <>
      <TextInput
        label="Starts at"
        type="datetime-local"
        value={props.startsAt}
        onChange={(e) => props.onStartsAt(e.currentTarget.value)}
      />
      <TextInput
        label="Ends at"
        type="datetime-local"
        value={props.endsAt}
        onChange={(e) => props.onEndsAt(e.currentTarget.value)}
      />
    </>
  );
}
