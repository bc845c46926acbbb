/**
 * The submissions history (数据报送记录) and the request to run the ETL at once. Each account sees its
 * own submissions; the province sees everyone's and may filter them by account and status. A
 * submission outside that answers NOT_FOUND, exactly as one that does not exist. The history is read
 * from the platform database, where uploads write it, not from the warehouse.
 */
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { findSubmission, listSubmissions, submissionRejects, type SubmissionRecord } from '../../platform/submissions';
import { type ApiContext, viewerOf } from '../common/context';
import { forbidden, notFound } from '../common/errors';
import { PageArgs } from '../common/paging';
import { SUBMITTING_ROLES } from './intake';
import {
  DataRefresh, Submission, SubmissionPage, SubmissionReject, SubmissionRejectPage, SubmissionsArgs, type SubmissionStatus,
} from './submissions.type';

function toSubmission(record: SubmissionRecord): Submission {
  return Object.assign(new Submission(), {
    ...record,
    status: record.status as SubmissionStatus,
    receivedAt: new Date(record.receivedAt).toISOString(),
    finishedAt: record.finishedAt === null ? null : new Date(record.finishedAt).toISOString(),
  });
}

@Resolver(() => Submission)
export class SubmissionsResolver {
  @Authorized()
  @Query(() => SubmissionPage, { description: 'The submissions history in scope, newest first: the account\'s own; the province sees everyone\'s' })
  async submissions(@Args() args: SubmissionsArgs, @Ctx() context: ApiContext): Promise<SubmissionPage> {
    const viewer = viewerOf(context);
    if (viewer.role !== 'province' && args.username && args.username !== viewer.username) {
      throw forbidden('An account sees its own submissions only; the province sees everyone\'s.');
    }
    const username = viewer.role === 'province' ? args.username ?? undefined : viewer.username;
    const { total, items } = await listSubmissions(context.platform, { username, status: args.status ?? undefined }, args.page, args.pageSize);
    return Object.assign(new SubmissionPage(), { total, page: args.page, pageSize: args.pageSize, items: items.map(toSubmission) });
  }

  @Authorized()
  @Query(() => Submission, { description: 'One submission in scope; NOT_FOUND for any other' })
  async submission(@Arg('id', () => ID) id: string, @Ctx() context: ApiContext): Promise<Submission> {
    const viewer = viewerOf(context);
    const record = await findSubmission(context.platform, id);
    if (!record || (viewer.role !== 'province' && record.username !== viewer.username)) {
      throw notFound('No such submission among those this account may see.');
    }
    return toSubmission(record);
  }

  @FieldResolver(() => SubmissionRejectPage, { description: 'The rejects kept, in the order reported' })
  async rejects(@Root() submission: Submission, @Args() args: PageArgs, @Ctx() context: ApiContext): Promise<SubmissionRejectPage> {
    const items = await submissionRejects(context.platform, submission.id, (args.page - 1) * args.pageSize, args.pageSize);
    return Object.assign(new SubmissionRejectPage(), {
      total: submission.rejectCount, page: args.page, pageSize: args.pageSize,
      items: items.map((reject) => Object.assign(new SubmissionReject(), reject)),
    });
  }

  @Authorized()
  @Mutation(() => DataRefresh, {
    description: 'Runs the ETL now (after a run in progress), so that submitted data reaches the dashboard without waiting for the schedule; '
      + 'answers once it has. For the accounts that submit (province, city bureaus, insurers).',
  })
  async refreshData(@Ctx() context: ApiContext): Promise<DataRefresh> {
    const viewer = viewerOf(context);
    if (!SUBMITTING_ROLES.has(viewer.role)) throw forbidden('Analyst accounts read the figures; the accounts that submit may ask for an update.');
    if (!context.intake) throw forbidden('This server does not take submissions.');
    const requestedAt = new Date().toISOString();
    await context.intake.refreshData();
    return Object.assign(new DataRefresh(), { requestedAt, finishedAt: new Date().toISOString() });
  }
}
