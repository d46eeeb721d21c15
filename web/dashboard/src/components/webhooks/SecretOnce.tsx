// A signing secret is shown once (the server keeps only what it needs to sign): copy it now.
import { Alert, Button, Code, CopyButton, Group, Modal, Text } from '@mantine/core';

export function SecretOnce({ secret, onClose }: { secret: string | null; onClose(): void }) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title="Signing secret" size="lg">
      <Alert color="yellow" mb="sm">
        This secret is shown only now. Store it where the receiving service can verify signatures with it.
      </Alert>
      <Code block aria-label="Signing secret">
        {secret}
      </Code>
      <Group mt="md" justify="space-between">
        <CopyButton value={secret ?? ''}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onClose}>I have stored it</Button>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        After a rotation the previous secret keeps signing alongside for a while, so receivers can switch.
      </Text>
    </Modal>
  );
}
