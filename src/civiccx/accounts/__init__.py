"""Who people are: staff (password + TOTP) and the public (OpenID Connect, Login.gov-ready)."""
