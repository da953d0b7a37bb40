"""The kernel's security doors (issue 18, 等保2.0 level 3): the client address, login lockout,
passwords, session lifetime, hashed API tokens and the security events of the audit trail."""
