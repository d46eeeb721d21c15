// The modal a list screen opens its form in: `editing` is the record, 'new', or null (closed).
import type { ReactNode } from 'react';
import { Modal, type ModalProps } from '@mantine/core';

export type Editing<T> = T | 'new' | null;

export function EditorModal<T>({
  editing,
  onClose,
  title,
  size,
  children,
}: {
  editing: Editing<T>;
  onClose(): void;
  title(record: T | undefined): string;
  size?: ModalProps['size'];
  children(record: T | undefined): ReactNode;
}) {
  const record = editing === 'new' || editing === null ? undefined : editing;
  return (
    <Modal opened={editing !== null} onClose={onClose} title={title(record)} size={size}>
      {editing !== null && children(record)}
    </Modal>
  );
}
