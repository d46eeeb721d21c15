// One small stylesheet, inlined: no second request before the first paint. Colours keep at
// least 4.5:1 contrast (WCAG AA); focus is always visible; the grid reflows down to phones.
export const styles = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}a:focus,button:focus,input:focus,select:focus{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:12px 16px;border-bottom:1px solid #ccc}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:#1a1a1a}
.search{position:relative;flex:1 1 240px;display:flex;gap:4px}.search input{flex:1}
.suggestions{position:absolute;top:100%;left:0;right:0;margin:0;padding:0;list-style:none;background:#fff;border:1px solid #767676;z-index:5}
.suggestions a{display:block;padding:6px 8px}.top nav{display:flex;gap:12px}
.badge{background:#0b4f9c;color:#fff;border-radius:9px;padding:0 7px;font-size:.85rem}
input,select,button,textarea{font:inherit;padding:6px 8px;border:1px solid #767676;border-radius:4px}
button,.button{background:#0b4f9c;color:#fff;border-color:#0b4f9c;cursor:pointer;text-decoration:none;display:inline-block;padding:6px 12px;border-radius:4px}
button.secondary{background:#fff;color:#0b4f9c}
main{max-width:1100px;margin:0 auto;padding:16px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px;list-style:none;padding:0}
.card{border:1px solid #ccc;border-radius:6px;padding:12px}.card h3{font-size:1rem;margin:.25rem 0}
.card img,.product img{max-width:100%;height:auto;background:#eee}
.price{font-weight:700}.was{text-decoration:line-through;color:#555;font-weight:400}
.stock-in{color:#1d6b2f}.stock-out{color:#a1260d}
.layout{display:grid;grid-template-columns:220px 1fr;gap:24px}
@media (max-width:700px){.layout{grid-template-columns:1fr}.top{flex-direction:column;align-items:stretch}}
fieldset{border:1px solid #ccc;border-radius:6px;margin:0 0 16px}
.field{display:flex;flex-direction:column;margin:0 0 10px;max-width:420px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px;border-bottom:1px solid #ddd}
.error{background:#fde8e4;color:#7a1b07;padding:8px;border-radius:4px}
.notice{background:#e6f2e8;color:#14501f;padding:8px;border-radius:4px}
.foot{border-top:1px solid #ccc;padding:12px 16px;color:#444}
.pager{display:flex;gap:12px;margin:16px 0}
`;
