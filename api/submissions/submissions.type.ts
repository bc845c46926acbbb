/**
 * The submissions history on the wire: each upload with its files' counts and the rejects it kept.
 */
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Page, PageArgs } from '../common/paging';

export enum SubmissionStatus {
  RUNNING = 'running',
  STORED = 'stored',
  PARTLY_STORED = 'partly_stored',
  REFUSED = 'refused',
  FAILED = 'failed',
}
registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: 'RUNNING: being stored; STORED: every row; PARTLY_STORED: some rows rejected, the rest stored; '
    + 'REFUSED: a file-level problem refused the whole submission, nothing stored; FAILED: stopped by a server fault',
});

@ObjectType({ description: 'One file of a submission: data rows read, stored and rejected (read = stored + rejected)' })
export class SubmissionFile {
  @Field({ description: 'As the submitter named it' }) name!: string;
  @Field(() => Int) lines!: number;
  @Field(() => Int) stored!: number;
  @Field(() => Int) rejected!: number;
}

@ObjectType({ description: 'A rejected row, or a refused file (line 1, no column)' })
export class SubmissionReject {
  @Field() file!: string;
  @Field(() => Int, { description: 'The line (for a spreadsheet, the row) where the row starts; the header is 1' }) line!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field({ description: 'The rule broken, by its name in the rulebook of the import (the `rules` of domain/import-rules.ts)' }) rule!: string;
  @Field({ description: 'What is wrong, in English; the rule name gives the words in other languages' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The cell as submitted (long ones shortened)' }) value!: string | null;
}

@ObjectType()
export class SubmissionRejectPage extends Page(SubmissionReject) {}

@ObjectType({ description: 'One upload of exchange files (数据报送)' })
export class Submission {
  @Field(() => ID) id!: string;
  @Field() username!: string;
  @Field() role!: string;
  @Field(() => String, { nullable: true, description: 'The city code of a city bureau, the insurer id of an insurer' }) scope!: string | null;
  @Field({ description: 'ISO 8601 in UTC' }) receivedAt!: string;
  @Field(() => String, { nullable: true, description: 'ISO 8601 in UTC; null while running' }) finishedAt!: string | null;
  @Field(() => SubmissionStatus) status!: SubmissionStatus;
  @Field(() => [SubmissionFile]) files!: SubmissionFile[];
  @Field(() => Int) lines!: number;
  @Field(() => Int) stored!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Rejects kept (a row may break several rules)' }) rejectCount!: number;
  @Field(() => String, { nullable: true, description: 'Why a FAILED submission stopped' }) failure!: string | null;
}

@ObjectType()
export class SubmissionPage extends Page(Submission) {}

@ArgsType()
export class SubmissionsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only this account\'s (province only; other accounts see their own)' })
  @IsOptional()
  @MaxLength(64)
  username?: string | null;

  @Field(() => SubmissionStatus, { nullable: true })
  @IsOptional()
  status?: SubmissionStatus | null;
}

@ObjectType({ description: 'An ETL run asked for after a submission, finished' })
export class DataRefresh {
  @Field({ description: 'When it was asked for, ISO 8601 in UTC' }) requestedAt!: string;
  @Field({ description: 'When its data reached the dashboard, ISO 8601 in UTC' }) finishedAt!: string;
}
