import { newUser, normalizeEmail, rolesFor } from '../../../functions/user/domain/user';

describe('users', () => {
  it('treats emails without regard to case or surrounding space', () => {
    expect(normalizeEmail('  Ann@Example.COM ')).toBe('ann@example.com');
  });

  it('makes admins of the listed emails only', () => {
    expect(rolesFor('Boss@Example.com', ['boss@example.com'])).toEqual(['customer', 'admin']);
    expect(rolesFor('staff@example.com', ['boss@example.com'])).toEqual(['customer']);
    expect(rolesFor('staff@example.com', [])).toEqual(['customer']);
  });

  it('creates users with a fresh id, a normalized email and a trimmed name', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const first = newUser('Ann@Example.com', ' Ann ', now);
    expect(first).toEqual({ userId: expect.any(String), email: 'ann@example.com', name: 'Ann', createdAt: '2026-01-02T03:04:05.000Z' });
    expect(newUser('Ann@Example.com', 'Ann').userId).not.toBe(first.userId);
  });
});
