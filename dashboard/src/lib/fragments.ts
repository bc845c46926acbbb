/**
 * The selections several operations share, as GraphQL fragments: an operation spreads one by name
 * (`...RuleCitation`) and interpolates its document, so that the document sent carries it.
 */
import { gql } from '@apollo/client';
import type { RuleCitationFragmentDocument } from './operations.generated';

/** What a verdict cites: the rule's value and its words in both languages (`lib/rules.ts`). */
export const RULE_CITATION_FRAGMENT: RuleCitationFragmentDocument = gql`
  fragment RuleCitation on Rule {
    id
    value
    zh { title unit document source clause }
    en { title unit document source clause }
  }
`;
