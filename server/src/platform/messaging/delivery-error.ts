/**
 * A failed delivery. `permanent`: no retry can help (bad template data, a recipient the server
 * rejects for good, no SMS gateway outside demo mode), so the message is marked failed at once.
 * `code` is safe to log (no address, no number); `message` goes to the outbox row's last_error.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

type SmtpFailure = Error & { code?: string; responseCode?: number; command?: string };

/** Classifies an SMTP error: a recipient refused with 5xx is permanent; the rest are retried. */
export function fromSmtpError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error instanceof Error ? error : new Error(String(error))) as SmtpFailure;
  const code = e.responseCode ? `smtp_${e.responseCode}` : `smtp_${e.code ?? 'error'}`;
  const permanent = e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500;
  return new DeliveryError(safeErrorText(e), code, permanent);
}

const TOKEN = /[0-9a-f]{8}-[0-9a-f-]{27}\.[A-Za-z0-9_-]{43}/g;

/**
 * The text of an unexpected error, fit for last_error: the driver's own message rather than a
 * query wrapper's (which repeats the parameters: a body with a live link), any token redacted.
 */
export function safeErrorText(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const source = cause instanceof Error ? cause : error;
  const text = source instanceof Error ? source.message : String(source);
  return text.replace(TOKEN, '[token]').slice(0, 1000);
}
