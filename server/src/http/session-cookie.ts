/** The session cookie's name: HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https. */
export const SESSION_COOKIE = 'loket_session';
