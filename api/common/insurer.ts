/** Insurers on the wire, their names batched per request by a DataLoader (one query for a whole list). */
import DataLoader from 'dataloader';
import { Field, ID, ObjectType } from 'type-graphql';
import { INSURERS } from '../../warehouse/schema';
import type { WarehouseReader } from './warehouse';

@ObjectType({ description: 'An insurance company (承保机构)' })
export class Insurer {
  @Field(() => ID) id!: string;
  @Field() name!: string;
}

export function insurerNameLoader(reader: WarehouseReader): DataLoader<string, string> {
  return new DataLoader(async (ids: readonly string[]) => {
    const rows = await reader.rows<{ id: string; name: string }>(
      `SELECT id, any(name) AS name FROM ${INSURERS.name} WHERE id IN {ids:Array(String)} GROUP BY id`,
      { ids },
    );
    const names = new Map(rows.map((row) => [row.id, row.name]));
    // An insurer named in facts but missing from the register still shows, under its id.
    return ids.map((id) => names.get(id) ?? id);
  });
}
