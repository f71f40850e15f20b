/**
 * The honeypot: a field (`website`) people never see — hidden from the eye, from screen readers
 * and from the keyboard — which robots that fill every input fill in. A request with anything in
 * it is dropped silently: it gets the same answer as any other, so the robot learns nothing.
 */
export function caughtByHoneypot(body: { website?: string | undefined }): boolean {
  return typeof body.website === 'string' && body.website.trim() !== '';
}
