import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../common/context';
import { unauthenticated } from '../common/errors';
import { signToken, tokenSecret } from './tokens';
import { checkPassword } from './users';

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as Authorization: Bearer <token>; it expires' }) token!: string;
}

@ObjectType({ description: 'The logged-in user' })
export class Me {
  @Field() username!: string;
  @Field({ description: 'province, analyst, city or insurer' }) role!: string;
  @Field(() => String, { nullable: true, description: 'City code of a city user, insurer id of an insurer user' }) scope!: string | null;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload)
  async login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() context: ApiContext): Promise<AuthPayload> {
    const viewer = await checkPassword(context.platform, username, password);
    if (!viewer) throw unauthenticated('Unknown username or wrong password.');
    return Object.assign(new AuthPayload(), { token: signToken(viewer, tokenSecret(context.config), context.config.api.tokenTtlSeconds) });
  }

  @Query(() => Me, { description: 'Who the token belongs to; UNAUTHENTICATED without a valid token' })
  me(@Ctx() context: ApiContext): Me {
    if (context.viewer === null) throw unauthenticated(context.authFailure ?? 'Log in first.');
    return Object.assign(new Me(), context.viewer);
  }
}
