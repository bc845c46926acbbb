import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ApiContext } from './context';
import { Insurer } from './insurer';

@Resolver(() => Insurer)
export class InsurerResolver {
  @FieldResolver(() => String)
  name(@Root() insurer: Insurer, @Ctx() context: ApiContext): Promise<string> {
    return context.loaders.insurerName.load(insurer.id);
  }
}
