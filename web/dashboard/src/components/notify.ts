// Short confirmations and failures of staff actions, as Mantine notifications.
import { notifications } from '@mantine/notifications';
import { problemMessage } from '../api.ts';

/** Mantine's close button is an icon: it needs a name for screen readers. */
const closeButtonProps = { 'aria-label': 'Dismiss' };

export const done = (message: string) => notifications.show({ color: 'green', message, closeButtonProps });

/** Shows the problem of a failed call; true when the call succeeded. */
export function settled(answer: { error?: unknown }, what: string): boolean {
  if (answer.error === undefined) return true;
  notifications.show({
    color: 'red',
    title: `${what} failed`,
    message: problemMessage(answer.error),
    closeButtonProps,
  });
  return false;
}
