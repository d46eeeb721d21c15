import { html } from './html.ts';
import { greeting, layout, oneLine, textLayout, type Rendered, type TemplateContext } from './layout.ts';

export interface WelcomeData {
  firstName: string | null;
  email: string;
}

/** user.registered: a hello and what the account is for. */
export function welcome(ctx: TemplateContext, d: WelcomeData): Rendered {
  const subject = oneLine(`Welcome to ${ctx.shopName}`);
  const intro = `Your account ${d.email} is ready. Sign in to check out faster, keep your addresses and follow your orders.`;
  return {
    subject,
    text: textLayout(ctx, [greeting(d.firstName), '', intro, '', 'Happy shopping!']),
    // prettier-ignore
    html: layout(ctx, subject, html`
<h1 style="font-size:20px">Welcome to ${ctx.shopName}</h1>
<p>${greeting(d.firstName)}</p>
<p>${intro}</p>
<p>Happy shopping!</p>`),
  };
}
