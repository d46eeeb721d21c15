import type { CancelCode } from '../../../order/contract.ts';
import { shopperReason } from './cancel-reasons.ts';
import { html } from './html.ts';
import { layout, oneLine, textLayout, type Rendered, type TemplateContext } from './layout.ts';

export interface OrderCanceledData {
  displayId: string;
  reason: string;
  reasonCode?: CancelCode;
}

/** order.canceled: that it was canceled, why (in shopper words), and that no money is kept. */
export function orderCanceled(ctx: TemplateContext, d: OrderCanceledData): Rendered {
  const subject = oneLine(`Your order ${d.displayId} was canceled`);
  const why = `We canceled your order ${d.displayId} because ${shopperReason(d.reason, d.reasonCode)}.`;
  const money =
    'If you were charged, the amount is refunded to your original payment method; any authorization is released.';
  const sorry = 'We are sorry for the trouble. You are welcome to place the order again.';
  return {
    subject,
    text: textLayout(ctx, ['Hello,', '', why, '', money, '', sorry]),
    // prettier-ignore
    html: layout(ctx, subject, html`
<h1 style="font-size:20px">Order ${d.displayId} canceled</h1>
<p>Hello,</p>
<p>${why}</p>
<p>${money}</p>
<p>${sorry}</p>`),
  };
}
