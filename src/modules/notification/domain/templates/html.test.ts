import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeUrl } from './html.ts';
import { orderShipped } from './order-shipped.ts';

describe('html templates', () => {
  it('escapes every interpolated value, but not fragments built with the tag', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    // prettier-ignore
    const out = html`<p title="${name}">${name}${html`<br>`}${[name, html`<i>ok</i>`]}${null}${undefined}${false}${0}</p>`.value;
    const escaped = '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;';
    expect(out).toBe(`<p title="${escaped}">${escaped}<br>${escaped}<i>ok</i>0</p>`);
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('links only http(s) URLs', () => {
    expect(safeUrl('https://track.example/a?b=1&c=2')).toBe('https://track.example/a?b=1&c=2');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<script>')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    const mail = orderShipped(
      { shopName: 'Shop' },
      {
        displayId: '#1',
        firstName: null,
        carrier: 'DHL',
        trackingNumber: 'T1',
        trackingUrl: 'javascript:alert(1)',
      },
    );
    expect(mail.html).not.toContain('javascript:');
    expect(mail.html).not.toContain('<a ');
    expect(mail.text).toContain('Tracking number: T1');
  });
});
