import { useTestDatabase } from '@crm/db/testing';
import { describe, expect, it } from 'vitest';
import { upsertDocuments } from './documents';
import { at, createIntegration, document, position, rowsOf } from './testing/fixtures';

type PositionRow = {
  id: string;
  external_id: string;
  document_id: string;
  line_number: number;
  quantity: string;
};

describe('documents and their positions', () => {
  const db = useTestDatabase();
  const positionsOf = (integration: string) =>
    rowsOf<PositionRow>(db(), 'document_positions', integration, 'document_id, line_number');
  const later = at('2026-03-02T12:00:00.000Z');

  it('writes documents with their positions in order, and leaves both alone when the page repeats', async () => {
    const integration = await createIntegration(db());
    const page = [
      document('d1', {
        positions: [position('l1', 'p1'), position('l2', 'p2'), position('l3', 'p1')],
      }),
      document('d2', { type: 'customer_order', positions: [position('l4', 'p2')] }),
    ];
    expect(await upsertDocuments(db(), integration, page)).toMatchObject({ created: 2 });
    const written = await positionsOf(integration);
    expect(written.map((p) => [p.external_id, p.line_number])).toEqual(
      expect.arrayContaining([
        ['l1', 0],
        ['l2', 1],
        ['l3', 2],
        ['l4', 0],
      ]),
    );

    expect(await upsertDocuments(db(), integration, page)).toMatchObject({ unchanged: 2 });
    expect(await positionsOf(integration)).toEqual(written);
  });

  it('replaces the positions of the documents it updated, and only theirs', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('d1', { positions: [position('l1', 'p1'), position('l2', 'p2')] }),
      document('d2', { positions: [position('l3', 'p1')] }),
    ]);
    const d2Before = (await positionsOf(integration)).filter((p) => p.external_id === 'l3');

    const result = await upsertDocuments(db(), integration, [
      document('d1', {
        sourceUpdatedAt: later,
        sum: '37500',
        positions: [position('l2', 'p2', { quantity: '3' })],
      }),
      document('d2', { positions: [position('l3', 'p1')] }),
    ]);
    expect(result.rows).toEqual([
      { externalId: 'd1', outcome: 'updated' },
      { externalId: 'd2', outcome: 'unchanged' },
    ]);
    const after = await positionsOf(integration);
    expect(after.map((p) => [p.external_id, p.quantity])).toEqual(
      expect.arrayContaining([
        ['l2', '3.000'],
        ['l3', '2.000'],
      ]),
    );
    expect(after).toHaveLength(2);
    expect(after.filter((p) => p.external_id === 'l3')).toEqual(d2Before);
  });

  it('takes a changed list of positions as a change even when the document itself is equal', async () => {
    const integration = await createIntegration(db());
    // A webhook upsert without positions, then the full pass brings the list for the same version.
    await upsertDocuments(db(), integration, [document('d1')]);
    expect(await positionsOf(integration)).toEqual([]);
    expect(
      await upsertDocuments(db(), integration, [
        document('d1', { positions: [position('l1', 'p1')] }),
      ]),
    ).toMatchObject({
      updated: 1,
    });
    expect((await positionsOf(integration)).map((p) => p.external_id)).toEqual(['l1']);
  });

  it('keeps the stored positions when a document comes without them, and clears them for an empty list', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('d1', { positions: [position('l1', 'p1')] }),
    ]);

    expect(
      await upsertDocuments(db(), integration, [
        document('d1', { sourceUpdatedAt: later, description: 'без позиций' }),
      ]),
    ).toMatchObject({
      updated: 1,
    });
    expect((await positionsOf(integration)).map((p) => p.external_id)).toEqual(['l1']);

    await upsertDocuments(db(), integration, [
      document('d1', { sourceUpdatedAt: later, description: 'без позиций', positions: [] }),
    ]);
    expect(await positionsOf(integration)).toEqual([]);
  });

  it('replaces positions in the same transaction as the document: a failure leaves both as they were', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('d1', { positions: [position('l1', 'p1')] }),
    ]);
    const before = {
      documents: await rowsOf(db(), 'documents', integration),
      positions: await positionsOf(integration),
    };

    // 10^16 does not fit NUMERIC(18,3): PostgreSQL refuses the second position insert, after the
    // document was updated and its old positions deleted.
    const failing = document('d1', {
      sourceUpdatedAt: later,
      sum: '1',
      positions: [position('l2', 'p1', { quantity: '1e16' })],
    });
    await expect(upsertDocuments(db(), integration, [failing])).rejects.toThrow(
      /numeric field overflow/,
    );

    expect({
      documents: await rowsOf(db(), 'documents', integration),
      positions: await positionsOf(integration),
    }).toEqual(before);
  });

  it('keeps what only some kinds of document have, and the link to the base document', async () => {
    const integration = await createIntegration(db());
    await upsertDocuments(db(), integration, [
      document('o1', {
        type: 'customer_order',
        shippedSum: '25000',
        reservedSum: 0,
        deliveryPlannedAt: at('2026-03-03T09:00:00.000Z'),
      }),
      document('s1', {
        type: 'demand',
        baseDocumentExternalId: 'o1',
        payedSum: 10000,
        trashedAt: at('2026-03-04T00:00:00.000Z'),
      }),
    ]);
    const [order, demand] = await rowsOf<Record<string, unknown>>(db(), 'documents', integration);
    expect(order).toMatchObject({
      type: 'customer_order',
      shipped_sum: '25000.0000',
      reserved_sum: '0.0000',
      payed_sum: null,
    });
    expect(demand).toMatchObject({
      type: 'demand',
      base_document_external_id: 'o1',
      base_document_id: order!.id,
      payed_sum: '10000.0000',
      trashed_at: at('2026-03-04T00:00:00.000Z'),
      applicable: true,
    });
  });
});
