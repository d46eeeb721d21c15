// A destructive action asks once more, in place (a popover), before it runs.
import { useState, type ReactNode } from 'react';
import { Button, Group, Popover, Text, type ButtonProps } from '@mantine/core';

export function ConfirmButton(
  props: ButtonProps & {
    question: ReactNode;
    confirmLabel: string;
    onConfirm(): Promise<void> | void;
    children: ReactNode;
  },
) {
  const { question, confirmLabel, onConfirm, children, ...button } = props;
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus withArrow position="bottom-end">
      <Popover.Target>
        <Button color="red" variant="subtle" size="xs" {...button} onClick={() => setOpened((o) => !o)}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" mb="xs">
          {question}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={() => setOpened(false)}>
            Keep
          </Button>
          <Button
            size="xs"
            color="red"
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
              } finally {
                setBusy(false);
                setOpened(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
