import { adminRoles, newUser, normalizeEmail } from '../../../functions/user/domain/user';

describe('users', () => {
  it('treats emails without regard to case or surrounding space', () => {
    expect(normalizeEmail('  Ann@Example.COM ')).toBe('ann@example.com');
  });

  it('creates customers with a fresh id, a normalized email and a trimmed name, whatever the email', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const first = newUser('Admin@Example.com', ' Ann ', undefined, now);
    expect(first).toEqual({
      userId: expect.any(String),
      email: 'admin@example.com',
      name: 'Ann',
      roles: ['customer'],
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(newUser('Ann@Example.com', 'Ann').userId).not.toBe(first.userId);
  });

  it('makes an admin only when asked to', () => {
    expect(newUser('ops@example.com', 'Ops', adminRoles).roles).toEqual(['customer', 'admin']);
  });
});
