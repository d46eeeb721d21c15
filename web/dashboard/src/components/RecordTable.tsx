// A table of records whose last column holds, for staff with the permission, Edit and a confirmed
// Delete (or Retire, Revoke) on each row: the shape the list-and-form screens share.
import type { ReactNode } from 'react';
import { Button, Group, Table, type TableProps } from '@mantine/core';
import type { Permission } from '../api.ts';
import { Can } from '../session.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
}

export interface RowActions<T> {
  permission: Permission;
  /** How the buttons name their row to a screen reader ("Edit Spring sale"). */
  name(row: T): string;
  edit?(row: T): void;
  remove?: { verb: string; question(row: T): ReactNode; run(row: T): Promise<void> };
  /** Rows nothing can be done to (a built-in role, a retired option). */
  fixed?(row: T): boolean;
}

export function RecordTable<T>({
  label,
  rows,
  rowKey,
  columns,
  actions,
  ...table
}: TableProps & {
  label: string;
  rows: readonly T[];
  rowKey(row: T): string;
  columns: Column<T>[];
  actions: RowActions<T>;
}) {
  const { permission, name, edit, remove, fixed } = actions;
  return (
    <Table aria-label={label} {...table}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <Table.Th key={c.header}>{c.header}</Table.Th>
          ))}
          <Table.Th>Actions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {columns.map((c) => (
              <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
            ))}
            <Table.Td>
              {!fixed?.(row) && (
                <Can permission={permission}>
                  <Group gap="xs">
                    {edit && (
                      <Button size="xs" variant="light" onClick={() => edit(row)} aria-label={`Edit ${name(row)}`}>
                        Edit
                      </Button>
                    )}
                    {remove && (
                      <ConfirmButton
                        question={remove.question(row)}
                        confirmLabel={remove.verb}
                        onConfirm={() => remove.run(row)}
                        aria-label={`${remove.verb} ${name(row)}`}
                      >
                        {remove.verb}
                      </ConfirmButton>
                    )}
                  </Group>
                </Can>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
