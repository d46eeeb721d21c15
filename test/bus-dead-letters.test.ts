import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { UserRegistered } from '../src/modules/user/contract.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import {
  adminToken,
  eventually,
  ledgerModuleDir,
  registerCustomer,
  startTestApp,
  type TestApp,
} from './helpers/app.ts';
import { busHelpers } from './helpers/bus.ts';

describe('event bus', () => {
  let app: TestApp;
  const { ledgerRows } = busHelpers(() => app);

  beforeAll(async () => {
    app = await startTestApp({ EXTRA_MODULES: ledgerModuleDir });
  });
  afterAll(() => app?.stop());

  it('a failing handler is retried with backoff, then dead-lettered; staff list it and replay it', async () => {
    const admin = await adminToken(app);
    await app.db.query('update ledger.switch set fail = true');
    const { id: userId } = await registerCustomer(app);
    const dead = await eventually(
      async () => {
        const res = await app.request('GET', '/admin/events/dead', { token: admin });
        return res.json().items.find((d: any) => d.payload.userId === userId);
      },
      20_000,
      200,
    );
    expect(dead).toMatchObject({
      queue: queueName('ledger', UserRegistered.name),
      event: UserRegistered.name,
      attempts: 3,
      error: 'ledger is switched to fail',
    });
    expect(await ledgerRows(dead.eventId)).toHaveLength(0);

    const customer = await registerCustomer(app);
    expect((await app.request('GET', '/admin/events/dead', { token: customer.token })).statusCode).toBe(403);
    expect((await app.request('POST', `/admin/events/dead/${uuidv7()}/replay`, { token: admin })).statusCode).toBe(404);

    await app.db.query('update ledger.switch set fail = false');
    const replay = await app.request('POST', `/admin/events/dead/${dead.id}/replay`, { token: admin });
    expect(replay.statusCode).toBe(202);
    await eventually(async () => (await ledgerRows(dead.eventId)).length === 1);
    const after = await app.request('GET', '/admin/events/dead', { token: admin });
    expect(after.json().items.find((d: any) => d.id === dead.id)).toBeUndefined();
  });

  it('a malformed event goes straight to the dead-letter queue without retries', async () => {
    const admin = await adminToken(app);
    const bogus = {
      id: uuidv7(),
      name: UserRegistered.name,
      occurredAt: new Date().toISOString(),
      producer: 'test',
      correlationId: 'x',
      payload: { userId: 'nope' },
    };
    await app.platform.bus.boss.send(queueName('ledger', UserRegistered.name), bogus);
    const dead = await eventually(
      async () =>
        (await app.request('GET', '/admin/events/dead', { token: admin }))
          .json()
          .items.find((d: any) => d.eventId === bogus.id),
      10_000,
      100,
    );
    expect(dead.attempts).toBe(1);
    expect(dead.error).toMatch(/must have required property 'email'/); // (the contract's schema, as Ajv words it)
    // Staff drop it for good.
    const discard = await app.request('DELETE', `/admin/events/dead/${dead.id}`, { token: admin });
    expect(discard.statusCode).toBe(204);
    const after = (await app.request('GET', '/admin/events/dead', { token: admin })).json();
    expect(after.items.find((d: any) => d.id === dead.id)).toBeUndefined();
    expect((await app.request('DELETE', `/admin/events/dead/${dead.id}`, { token: admin })).statusCode).toBe(404);
  });
});
