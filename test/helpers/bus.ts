import { v7 as uuidv7 } from 'uuid';
import { UserRegistered } from '../../src/modules/user/contract.ts';
import { uniqueEmail, type TestApp } from './app.ts';

export const payloadFor = (email = uniqueEmail()) => ({
  userId: uuidv7(),
  email,
  firstName: null,
  lastName: null,
  registeredAt: new Date().toISOString(),
});

/** The ledger and queue look-ups the event bus tests share; `getApp` gives the suite's app once started. */
export function busHelpers(getApp: () => TestApp) {
  const ledgerRows = (eventId: string) =>
    getApp().db.query('select * from ledger.entries where event_id = $1', [eventId]);
  const ledgerByEmail = (email: string) => getApp().db.query('select * from ledger.entries where email = $1', [email]);
  /** The jobs carrying the event, in every queue the bus routes user.registered to (pg-boss's findJobs). */
  const jobsOf = async (eventId: string) => {
    const { bus } = getApp().platform;
    const found = await Promise.all(
      bus.queuesOf(UserRegistered.name).map((q) => bus.boss.findJobs(q, { data: { id: eventId } })),
    );
    return found.flat();
  };
  const jobIn = async (queue: string, eventId: string) =>
    (await getApp().platform.bus.boss.findJobs(queue, { data: { id: eventId } }))[0];
  return { ledgerRows, ledgerByEmail, jobsOf, jobIn };
}
