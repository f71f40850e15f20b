import { describe, expect, it } from 'vitest';
import { ticketAttachmentsPath, ticketContentUrl, uploadInTurn } from './ticket-files';

const file = (name: string) => new File(['x'], name, { type: 'image/png' });
const ENTITY = '9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const TICKET = '0b9e7c1e-5f0e-4d8b-9a57-3c1f2b4a6d70';

describe('uploadInTurn', () => {
  it('sends the files one after another and answers those that failed, with why', async () => {
    const order: string[] = [];
    let running = 0;
    const failed = await uploadInTurn([file('a.png'), file('b.exe'), file('c.png')], async (f) => {
      running += 1;
      expect(running).toBe(1);
      order.push(f.name);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
      if (f.name.endsWith('.exe')) throw new Error('This type of file is not accepted.');
    });
    expect(order).toEqual(['a.png', 'b.exe', 'c.png']);
    expect(failed).toEqual([{ fileName: 'b.exe', reason: 'This type of file is not accepted.' }]);
  });

  it('answers nothing when every file went', async () => {
    expect(await uploadInTurn([file('a.png')], async () => {})).toEqual([]);
  });
});

describe('ticket attachment paths', () => {
  it('takes the requester to their own tickets and the agent through the entity', () => {
    expect(ticketAttachmentsPath({ reader: 'requester', ticketId: TICKET })).toBe(
      `/api/support/tickets/${TICKET}/attachments`,
    );
    expect(ticketContentUrl({ reader: 'agent', entityId: ENTITY, ticketId: TICKET }, 'f1')).toBe(
      `/api/support/entities/${ENTITY}/tickets/${TICKET}/attachments/f1/content`,
    );
  });
});
