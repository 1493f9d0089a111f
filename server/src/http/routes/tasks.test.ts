import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_ID, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { ticketEvents } from '../../db/schema.ts';

let h: Harness;
let s: Awaited<ReturnType<typeof makeLoggedInWorld>>;
beforeAll(async () => {
  h = await createHarness();
  s = await makeLoggedInWorld(h);
});
afterAll(() => h.close());

/** A ticket of contact A on which the agent has logged four hours: it has a call_customer task. */
async function ticketWithTask() {
  const ticket = (
    await callApi(h, s.contactA, 'POST', '/tickets', { subject: 'Slow VPN', body: 'Since Monday' })
  ).json();
  const logged = await callApi(h, s.agent, 'POST', `/tickets/${ticket.id}/time-entries`, {
    minutes: 240,
    workType: 'remote',
  });
  expect(logged.statusCode).toBe(201);
  return ticket as { id: string; reference: string };
}

describe('tasks over HTTP', () => {
  it('lists the task the effort threshold created, by id or reference', async () => {
    const ticket = await ticketWithTask();
    const res = await callApi(h, s.agent, 'GET', `/tickets/${ticket.id}/tasks`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          id: expect.any(String),
          ticketId: ticket.id,
          kind: 'call_customer',
          assigneeId: null,
          createdAt: h.clock.now().toISOString(),
          doneAt: null,
          doneById: null,
        },
      ],
    });
    expect((await callApi(h, s.admin, 'GET', `/tickets/${ticket.reference}/tasks`)).json()).toEqual(res.json());
  });

  it('completes a task once: completing it again returns it unchanged and records nothing more', async () => {
    const ticket = await ticketWithTask();
    const [task] = (await callApi(h, s.agent, 'GET', `/tickets/${ticket.id}/tasks`)).json().items;
    const done = await callApi(h, s.agent, 'POST', `/tickets/${ticket.id}/tasks/${task.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ ...task, doneAt: h.clock.now().toISOString(), doneById: s.world.agent.id });

    h.clock.advance(60_000);
    const again = await callApi(h, s.admin, 'POST', `/tickets/${ticket.id}/tasks/${task.id}/complete`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(done.json());

    const completed = await h.deps.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'task_completed')));
    expect(completed).toMatchObject([
      { actorId: s.world.agent.id, isInternal: true, data: { taskId: task.id, kind: 'call_customer' } },
    ]);
  });

  it("answers 404 for a missing task, another ticket's task, and an id that is no id", async () => {
    const ticket = await ticketWithTask();
    const other = await ticketWithTask();
    const [task] = (await callApi(h, s.agent, 'GET', `/tickets/${other.id}/tasks`)).json().items;
    for (const taskId of [MISSING_ID, task.id, 'not-a-uuid']) {
      const res = await callApi(h, s.agent, 'POST', `/tickets/${ticket.id}/tasks/${taskId}/complete`);
      expect(res.statusCode, taskId).toBe(404);
    }
    const stillOpen = (await callApi(h, s.agent, 'GET', `/tickets/${other.id}/tasks`)).json().items;
    expect(stillOpen[0].doneAt).toBeNull();
  });

  it('is not for customers, not even on their own tickets', async () => {
    const ticket = await ticketWithTask();
    const [task] = (await callApi(h, s.agent, 'GET', `/tickets/${ticket.id}/tasks`)).json().items;
    for (const who of [s.contactA, s.managerA]) {
      expect((await callApi(h, who, 'GET', `/tickets/${ticket.id}/tasks`)).statusCode).toBe(403);
      const res = await callApi(h, who, 'POST', `/tickets/${ticket.id}/tasks/${task.id}/complete`);
      expect(res.statusCode).toBe(403);
    }
    expect((await callApi(h, s.agent, 'GET', `/tickets/${ticket.id}/tasks`)).json().items[0].doneAt).toBeNull();
  });
});
