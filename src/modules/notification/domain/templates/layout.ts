import { html, type SafeHtml } from './html.ts';

export interface TemplateContext {
  /** The shop's name, shown in greetings and footers (the display name of MAIL_FROM). */
  shopName: string;
}

/** What a template renders: an email has all three, an SMS only text. */
export interface Rendered {
  /** The email subject; null for an SMS. */
  subject: string | null;
  text: string;
  html: string | null;
}

/** A header value on one line: no line breaks from event data ever reach a mail header. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export const greeting = (firstName: string | null | undefined) =>
  firstName?.trim() ? `Hi ${oneLine(firstName)},` : 'Hello,';

/** The HTML document around a message body: simple, inline-styled, readable without images. */
export function layout(ctx: TemplateContext, title: string, body: SafeHtml): string {
  // Whitespace inside html`` is part of the output, so the formatter leaves templates as written.
  // prettier-ignore
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:Helvetica,Arial,sans-serif;color:#1c1917;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
${body}
<p style="margin-top:32px;color:#78716c;font-size:12px">${ctx.shopName}</p>
</div>
</body>
</html>`.value;
}

/** The plain-text body: the same content with the shop's name at the foot. */
export const textLayout = (ctx: TemplateContext, lines: string[]) => [...lines, '', `— ${ctx.shopName}`].join('\n');
