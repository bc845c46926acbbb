/**
 * The sign-in limiter on its own, with a clock the test moves: free failures, then a doubling wait,
 * attempts in flight counted, per username and per address, forgotten after a quiet quarter hour.
 */
import { SignInLimiter, SIGN_IN_LIMITS, type SignInAdmission } from '../../api/auth/rate-limit';

function limiterAt(start = 1_000_000): { limiter: SignInLimiter; advance(ms: number): void } {
  let now = start;
  return { limiter: new SignInLimiter(SIGN_IN_LIMITS, () => now), advance: (ms) => { now += ms; } };
}

function fail(admission: SignInAdmission): void {
  if (!('attempt' in admission)) throw new Error(`refused: retry after ${admission.retryAfterSeconds} s`);
  admission.attempt.failed();
}

test('five failures per username are free, then each further one doubles the wait', () => {
  const { limiter, advance } = limiterAt();
  for (let attempt = 1; attempt <= 5; attempt += 1) fail(limiter.admit('province', '10.0.0.1'));
  expect(limiter.admit('province', '10.0.0.1')).toEqual({ retryAfterSeconds: 1 });
  advance(1000);
  fail(limiter.admit('province', '10.0.0.1'));
  expect(limiter.admit('province', '10.0.0.1')).toEqual({ retryAfterSeconds: 2 });
  advance(2000);
  fail(limiter.admit('province', '10.0.0.1'));
  expect(limiter.admit('province', '10.0.0.1')).toEqual({ retryAfterSeconds: 4 });
  // Another username from another address is not held up.
  expect('attempt' in limiter.admit('analyst', '10.0.0.2')).toBe(true);
});

test('the wait stops growing at 15 minutes, and a quiet quarter hour forgets the failures', () => {
  const { limiter, advance } = limiterAt();
  for (let attempt = 1; attempt <= 30; attempt += 1) {
    let admission = limiter.admit('province', `10.0.1.${attempt}`);
    if ('retryAfterSeconds' in admission) {
      advance(admission.retryAfterSeconds * 1000);
      admission = limiter.admit('province', `10.0.1.${attempt}`);
    }
    fail(admission);
  }
  expect(limiter.admit('province', '10.0.2.1')).toEqual({ retryAfterSeconds: 15 * 60 });
  advance(15 * 60_000 + 1);
  expect('attempt' in limiter.admit('province', '10.0.2.1')).toBe(true);
});

test('attempts still being checked count: 25 sent at once let five through', () => {
  const { limiter } = limiterAt();
  const admissions = Array.from({ length: 25 }, () => limiter.admit('province', '10.0.0.1'));
  expect(admissions.filter((admission) => 'attempt' in admission)).toHaveLength(5);
  expect(admissions.filter((admission) => 'retryAfterSeconds' in admission)).toHaveLength(20);
});

test('twenty failures per address are free whatever the usernames, then the address waits', () => {
  const { limiter } = limiterAt();
  for (let user = 1; user <= 20; user += 1) fail(limiter.admit(`user${user}`, '10.0.0.9'));
  expect(limiter.admit('user21', '10.0.0.9')).toEqual({ retryAfterSeconds: 1 });
  expect('attempt' in limiter.admit('user21', '10.0.0.10')).toBe(true);
});

test('a success clears its username, not its address', () => {
  const { limiter } = limiterAt();
  for (let attempt = 1; attempt <= 4; attempt += 1) fail(limiter.admit('province', '10.0.0.1'));
  const admission = limiter.admit('province', '10.0.0.1');
  if (!('attempt' in admission)) throw new Error('refused');
  admission.attempt.succeeded();
  for (let attempt = 1; attempt <= 5; attempt += 1) fail(limiter.admit('province', '10.0.0.1'));
  expect('retryAfterSeconds' in limiter.admit('province', '10.0.0.1')).toBe(true);
  for (let user = 1; user <= 11; user += 1) fail(limiter.admit(`other${user}`, '10.0.0.1'));
  expect(limiter.admit('someone', '10.0.0.1')).toEqual({ retryAfterSeconds: 1 });
});

test('an attempt abandoned before its password was checked counts neither way', () => {
  const { limiter } = limiterAt();
  for (let attempt = 1; attempt <= 4; attempt += 1) fail(limiter.admit('province', '10.0.0.1'));
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const admission = limiter.admit('province', '10.0.0.1');
    if (!('attempt' in admission)) throw new Error('refused');
    admission.attempt.abandoned();
  }
  fail(limiter.admit('province', '10.0.0.1'));
  expect(limiter.admit('province', '10.0.0.1')).toEqual({ retryAfterSeconds: 1 });
});

test('a username counts as one however it is spelt in case and spaces', () => {
  const { limiter } = limiterAt();
  for (const spelling of ['province', 'PROVINCE', 'Province', ' province', 'provincE ']) fail(limiter.admit(spelling, `10.0.3.${spelling.length}`));
  expect(limiter.admit('ProVince', '10.0.4.1')).toEqual({ retryAfterSeconds: 1 });
});
