/** Removes secrets (in every encoding a message may carry them) and pop-core's `URL: …` suffix from text. */
export type Redact = (text: string) => string;

export const REDACTED = '***';

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** Every form in which a secret can appear in a message: raw, percent-encoded once and twice, form-encoded. */
export function secretForms(secret: string): string[] {
  const once = [rfc3986(secret), encodeURIComponent(secret), formEncode(secret)];
  const twice = once.flatMap((form) => [rfc3986(form), encodeURIComponent(form), formEncode(form)]);
  return [...new Set([secret, ...once, ...twice])].filter((form) => form.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the one redaction function every outgoing message passes through. */
export function createRedactor(secrets: readonly string[]): Redact {
  const forms = [...new Set(secrets.filter((s) => s.length > 0).flatMap(secretForms))]
    // Longest first, so a secret's encoded form is not half-replaced by a shorter raw form inside it.
    .sort((a, b) => b.length - a.length);
  // Percent-escapes may come back in either hex case; the rest of each form must match exactly.
  const patterns = forms.map((form) => new RegExp(
    form.split(/(%[0-9A-Fa-f]{2})/).map((part) => (/^%[0-9A-Fa-f]{2}$/.test(part) ? `%(?:${part.slice(1).toUpperCase()}|${part.slice(1).toLowerCase()})` : escapeRegExp(part))).join(''),
    'g',
  ));
  return (text: string) => {
    let result = String(text).replace(/,? URL: \S+/g, '');
    for (const pattern of patterns) result = result.replace(pattern, REDACTED);
    return result;
  };
}
