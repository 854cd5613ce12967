import { afterEach, describe, expect, it, vi } from 'vitest';
import { deadLetters, everyPage, firstPages, mergeDeadLetters, redrive } from './data';
import type { DeadLetter } from './types';

const letter = (id: string, at: string): DeadLetter => ({
  id, kind: 'EVENT', queue: 'q', type: 'RelationsSevered', officeCode: 'CCS', reason: 'r', deadLetteredAt: at, redriveCount: 0, lastRedrivenAt: null,
});

describe("every service's dead letters", () => {
  it('are shown as one list, newest first, each with the service that re-drives it', () => {
    const merged = mergeDeadLetters([
      { status: 'fulfilled', value: [letter('m-1', '2019-01-23T20:00:00Z')] },
      { status: 'fulfilled', value: [letter('p-1', '2019-01-24T08:00:00Z')] },
      { status: 'fulfilled', value: [letter('n-1', '2019-01-23T21:00:00Z')] },
    ]);
    expect(merged.letters.map((l) => [l.id, l.service])).toEqual([['p-1', 'personnel'], ['n-1', 'notifications'], ['m-1', 'missions']]);
    expect(merged.unavailable).toEqual([]);
  });

  it('still show the others when one service does not answer', () => {
    const merged = mergeDeadLetters([
      { status: 'rejected', reason: new Error('down') },
      { status: 'fulfilled', value: [letter('p-1', '2019-01-24T08:00:00Z')] },
      { status: 'fulfilled', value: [] },
    ]);
    expect(merged.letters.map((l) => l.id)).toEqual(['p-1']);
    expect(merged.unavailable).toEqual(['missions']);
  });

  it('fail as a whole only when no service answers', () => {
    const down = new Error('gateway down');
    expect(() => mergeDeadLetters([
      { status: 'rejected', reason: down }, { status: 'rejected', reason: down }, { status: 'rejected', reason: down },
    ])).toThrow(down);
  });
});

describe('a paged list', () => {
  const pagesOf = (rows: string[], size: number) => async (cursor?: string) => {
    const start = cursor === undefined ? 0 : Number(cursor);
    const next = start + size < rows.length ? String(start + size) : null;
    return { items: rows.slice(start, start + size), nextCursor: next };
  };

  it('shows its first page and says that more follow', async () => {
    expect(await firstPages(pagesOf(['a', 'b', 'c', 'd', 'e'], 2), 1)).toEqual({ items: ['a', 'b'], more: true });
  });

  it('shows one page more each time it is asked, until the last', async () => {
    expect(await firstPages(pagesOf(['a', 'b', 'c', 'd', 'e'], 2), 2)).toEqual({ items: ['a', 'b', 'c', 'd'], more: true });
    expect(await firstPages(pagesOf(['a', 'b', 'c', 'd', 'e'], 2), 3)).toEqual({ items: ['a', 'b', 'c', 'd', 'e'], more: false });
    expect(await firstPages(pagesOf([], 2), 1)).toEqual({ items: [], more: false });
  });

  it('is read whole, page after page, where people are named', async () => {
    expect(await everyPage(pagesOf(['a', 'b', 'c', 'd', 'e'], 2))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe("the dead letters' calls through the gateway", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("read each service's list at its own path and re-drive a letter at the service that keeps it", async () => {
    const calls: string[] = [];
    vi.stubGlobal('document', { cookie: '' });
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}`);
      const service = url.replace('/console/api/dead-letters/', '').split('/')[0];
      const body = init.method === 'GET' ? [letter(`${service}-1`, '2019-01-23T20:00:00Z')] : {};
      return new Response(JSON.stringify(body), { status: 200 });
    });

    const read = await deadLetters();

    expect(calls).toEqual([
      'GET /console/api/dead-letters/missions', 'GET /console/api/dead-letters/personnel', 'GET /console/api/dead-letters/notifications',
    ]);
    expect(read.letters.map((l) => [l.id, l.service])).toEqual([['missions-1', 'missions'], ['notifications-1', 'notifications'], ['personnel-1', 'personnel']]);
    await redrive(read.letters.find((l) => l.service === 'personnel')!);
    expect(calls.at(-1)).toBe('POST /console/api/dead-letters/personnel/personnel-1/redrive');
  });
});
