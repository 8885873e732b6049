/**
 * Escapes text for HTML element and attribute content; every user-supplied string on a
 * sandbox page goes through here.
 *
 * @example
 * `<p>${escapeHtml(post.text)}</p>`
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f5f8fa;color:#0f1419}
main{max-width:760px;margin:0 auto;padding:24px}
h1{font-size:22px}h2{font-size:18px;margin:28px 0 8px}
.card{background:#fff;border:1px solid #e1e8ed;border-radius:12px;padding:16px;margin:12px 0}
.post{border-left:3px solid #1d9bf0;padding:6px 10px;margin:6px 0;white-space:pre-wrap}
.post.reply{margin-left:22px;border-color:#8ecdf8}
.meta{color:#536471;font-size:13px}
.badge{display:inline-block;background:#e8f5fd;color:#1d6fa5;border-radius:8px;padding:0 6px;font-size:12px;margin-right:4px}
button{background:#1d9bf0;color:#fff;border:0;border-radius:18px;padding:8px 18px;font-weight:600;cursor:pointer}
button.secondary{background:#eff3f4;color:#0f1419}
label{display:block;margin:6px 0}input[type=text]{padding:6px;border:1px solid #cfd9de;border-radius:6px}
`;

/**
 * A complete page around `body` (which must already be escaped).
 *
 * @example
 * layout('X sandbox', '<h1>Users</h1>');
 */
export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}
