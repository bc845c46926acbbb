/**
 * The freshness card: the last good run, and a failed or interrupted run since then said in the
 * dashboard's language. The GraphQL answers are mocked with the fields the committed schema.graphql gives.
 */
import type { MockedResponse } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FRESHNESS_QUERY, FreshnessCard } from '../src/components/HeadlineCards';
import { formatTimestamp } from '../src/lib/format';
import { I18nProvider, type Language } from '../src/lib/i18n';

afterEach(cleanup);

const lastRun = { __typename: 'EtlRun', runId: 'good-run', finishedAt: '2026-11-30T02:00:00.000Z', watermarkAt: '2026-11-30T01:59:00.000Z' };

function freshness(lastFailure: { kind: 'FAILED' | 'ABANDONED'; failedAt: string } | null): MockedResponse[] {
  return [{
    request: { query: DATA_FRESHNESS_QUERY },
    result: {
      data: {
        dataFreshness: {
          __typename: 'DataFreshness',
          lastRun,
          lastFailure: lastFailure && { __typename: 'EtlFailure', runId: 'failed-run', ...lastFailure },
        },
      },
    },
  }];
}

function renderCard(mocks: MockedResponse[], language: Language) {
  return render(<MockedProvider mocks={mocks}><I18nProvider initial={language}><FreshnessCard /></I18nProvider></MockedProvider>);
}

describe('the freshness card', () => {
  const failedAt = '2026-11-30T02:05:00.000Z';

  it('shows a failed run in Chinese beside the last good one', async () => {
    renderCard(freshness({ kind: 'FAILED', failedAt }), 'zh');
    expect((await screen.findByRole('status')).textContent).toBe(`${formatTimestamp(failedAt)} 的数据更新失败，当前显示上次成功更新的数据`);
    expect(screen.getByText(formatTimestamp(lastRun.watermarkAt))).toBeTruthy();
  });

  it('shows an interrupted run in English', async () => {
    renderCard(freshness({ kind: 'ABANDONED', failedAt }), 'en');
    expect((await screen.findByRole('status')).textContent).toBe(
      `The data update of ${formatTimestamp(failedAt)} was interrupted before it finished; showing the data of the last successful update`,
    );
  });

  it('shows no warning when the last run succeeded', async () => {
    const { container } = renderCard(freshness(null), 'en');
    await screen.findByText(formatTimestamp(lastRun.watermarkAt));
    expect(container.querySelector('[data-warning]')).toBeNull();
  });
});
