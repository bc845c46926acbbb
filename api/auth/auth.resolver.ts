import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../common/context';
import { rateLimited, unauthenticated } from '../common/errors';
import { PasswordQueueFull } from './password-hashing';
import { signToken, tokenSecret } from './tokens';
import { checkPassword } from './users';

/** What a client is told when the password worker's queue is full: a few seconds clear it. */
const BUSY_RETRY_SECONDS = 5;

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
    const admission = context.signIns.admit(username, context.clientAddress);
    if ('retryAfterSeconds' in admission) {
      throw rateLimited(`Too many failed sign-ins for this account or from this address; try again in ${admission.retryAfterSeconds} s.`, admission.retryAfterSeconds);
    }
    let account;
    try {
      account = await checkPassword(context.platform, username, password);
    } catch (error) {
      if (error instanceof PasswordQueueFull) {
        admission.attempt.abandoned();
        throw rateLimited(`Too many sign-ins are being checked at once; try again in ${BUSY_RETRY_SECONDS} s.`, BUSY_RETRY_SECONDS);
      }
      admission.attempt.failed();
      throw error;
    }
    if (!account) {
      admission.attempt.failed();
      throw unauthenticated('Unknown username or wrong password.');
    }
    admission.attempt.succeeded();
    return Object.assign(new AuthPayload(), { token: signToken(account, tokenSecret(context.config), context.config.api.tokenTtlSeconds) });
  }

  @Query(() => Me, { description: 'Who the token belongs to; UNAUTHENTICATED without a valid token' })
  me(@Ctx() context: ApiContext): Me {
    if (context.viewer === null) throw unauthenticated(context.authFailure ?? 'Log in first.');
    return Object.assign(new Me(), context.viewer);
  }
}
