import { html } from './html.ts';
import { greeting, layout, oneLine, textLayout, type Rendered, type TemplateContext } from './layout.ts';

export interface LinkData {
  firstName: string | null;
  /** The page that takes the token (built from STOREFRONT_URL or DASHBOARD_URL). */
  link: string;
  expiresAt: string;
}

const until = (iso: string) => new Date(iso).toUTCString();

/** One call to action: a sentence, the link, when it stops working, and what to do when it was not you. */
function linkMail(ctx: TemplateContext, subject: string, intro: string, action: string, d: LinkData, footnote: string) {
  const expiry = `The link works once, until ${until(d.expiresAt)}.`;
  return {
    subject: oneLine(subject),
    text: textLayout(ctx, [greeting(d.firstName), '', intro, '', `${action}: ${d.link}`, '', expiry, footnote]),
    // prettier-ignore
    html: layout(ctx, subject, html`
<p>${greeting(d.firstName)}</p>
<p>${intro}</p>
<p><a href="${d.link}" style="display:inline-block;padding:10px 16px;background:#1c1917;color:#ffffff;border-radius:6px;text-decoration:none">${action}</a></p>
<p style="font-size:13px;color:#57534e">${expiry} ${footnote}</p>`),
  };
}

/** user.password_reset_requested */
export const passwordReset = (ctx: TemplateContext, d: LinkData): Rendered =>
  linkMail(
    ctx,
    `Reset your ${ctx.shopName} password`,
    'Somebody, hopefully you, asked to reset the password of this account.',
    'Choose a new password',
    d,
    'If it was not you, ignore this mail: your password stays as it is.',
  );

/** user.email_verification_requested */
export const emailVerification = (ctx: TemplateContext, d: LinkData): Rendered =>
  linkMail(
    ctx,
    `Confirm your email for ${ctx.shopName}`,
    'Please confirm that this address is yours.',
    'Confirm my email',
    d,
    'If you did not create an account, ignore this mail.',
  );

/** user.staff_invited */
export const staffInvite = (ctx: TemplateContext, d: LinkData & { invitedBy: string; roles: string[] }): Rendered =>
  linkMail(
    ctx,
    `You are invited to run ${ctx.shopName}`,
    `${d.invitedBy} invited you to the ${ctx.shopName} team (roles: ${d.roles.join(', ') || 'none yet'}).`,
    'Accept the invite',
    d,
    'If you did not expect this, ignore this mail.',
  );

/** user.registration_attempted: somebody tried to sign up with an address that has an account. */
export function registrationAttempt(
  ctx: TemplateContext,
  d: { firstName: string | null; signInLink: string; resetLink: string },
): Rendered {
  const subject = oneLine(`Your ${ctx.shopName} account`);
  const intro = 'Somebody tried to create an account with this email address, which has one already.';
  const help = `If it was you, sign in (${d.signInLink}) or reset your password (${d.resetLink}). If not, nothing changed: you can ignore this mail.`;
  return {
    subject,
    text: textLayout(ctx, [greeting(d.firstName), '', intro, '', help]),
    // prettier-ignore
    html: layout(ctx, subject, html`
<p>${greeting(d.firstName)}</p>
<p>${intro}</p>
<p>If it was you, <a href="${d.signInLink}">sign in</a> or <a href="${d.resetLink}">reset your password</a>. If not, nothing changed: you can ignore this mail.</p>`),
  };
}
