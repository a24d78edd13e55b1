// Agent markdown as the studio shows it: sanitized, and no image that would reach another host until asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageProxyUrl, MAX_MARKDOWN_CHARS, renderMarkdown, renderPreview } from './markdown';

/** Every address the preview's HTML would make the browser load by itself. */
const loads = (html: string) =>
  [...html.matchAll(/\s(?:src|srcset|poster|background|data)="([^"]*)"/g)].map((m) => m[1]);

test('a remote image is a placeholder with its host, alt text and a Load image button, and loads nothing', () => {
  const html = renderPreview('Look: ![Launch chart](https://cdn.tracker.example/pixel.png?who=owner "Chart")');
  assert.deepEqual(loads(html), []);
  assert.match(html, /<span data-remote-image="" role="group" aria-label="Hidden image from cdn.tracker.example">/);
  assert.match(html, /Image from <strong>cdn\.tracker\.example<\/strong> not loaded/);
  assert.match(html, /<span data-remote-image-alt="">Launch chart<\/span>/);
  assert.match(
    html,
    /<button type="button" data-load-image="https:\/\/cdn.tracker.example\/pixel.png\?who=owner">Load image<\/button>/,
  );
});

test('every spelling of a remote address is hidden: http, protocol-relative, reference images', () => {
  const md = [
    '![a](http://one.example/a.gif)',
    '![b](//two.example/b.png)',
    '![d][ref]',
    '<img src="https://five.example/raw.png">',
    '',
    '[ref]: https://ref.example/d.png',
  ].join('\n');
  const html = renderPreview(md);
  assert.deepEqual(loads(html), [], html);
  for (const host of ['one.example', 'two.example', 'ref.example'])
    assert.match(html, new RegExp(`Image from <strong>${host}</strong>`), host);
  assert.doesNotMatch(html, /five\.example/, 'raw HTML is dropped, not shown');
});

test('a loaded image goes through the studio’s proxy; the others stay hidden', () => {
  const md = '![one](https://a.example/1.png) ![two](https://b.example/2.png)';
  const html = renderPreview(md, { loadedImages: new Set(['https://a.example/1.png']) });
  assert.deepEqual(loads(html), [imageProxyUrl('https://a.example/1.png').replaceAll('&', '&amp;')]);
  assert.equal(imageProxyUrl('https://a.example/1.png'), '/api/gtm/image?url=https%3A%2F%2Fa.example%2F1.png');
  assert.match(html, /alt="one"/);
  assert.match(html, /data-load-image="https:\/\/b.example\/2.png"/);
});

test('images with nothing to load from here become their alt text; unsafe sources are dropped', () => {
  const html = renderPreview(
    '![local chart](chart.png) ![js](javascript:alert(1)) ![data](data:image/png;base64,iVBORw0KGgo=) ![vb](vbscript:x)',
  );
  assert.equal(html, '<p>local chart js data vb</p>');
});

test('the placeholder is built from text: alt text and host cannot add markup', () => {
  const html = renderPreview(
    '![<img src=x onerror=alert(1)> "quoted"](https://x.example/"><script>alert(1)</script>.png)',
  );
  assert.doesNotMatch(html, /<(?!\/?(?:p|span|strong|button)[ >])/, 'no element but the placeholder’s own');
  assert.match(html, /&#x3C;img src=x onerror=alert\(1\)> "quoted"/);
  assert.match(html, /data-load-image="https:\/\/x.example\/%22%3E%3Cscript%3Ealert\(1\)%3C\/script%3E.png"/);
});

test('the stored HTML (the API’s contentHtml) keeps the images as written, sanitized', () => {
  assert.equal(
    renderMarkdown('![chart](https://a.example/1.png) ![x](javascript:alert(1))'),
    '<p><img src="https://a.example/1.png" alt="chart"> <img alt="x"></p>',
  );
});

test('markdown links and HTML stay sanitized in the preview', () => {
  const html = renderPreview(
    '[x](javascript:alert(1)) <a href="javascript:alert(1)" onclick="alert(1)">y</a> <script>alert(1)</script> [ok](https://ok.example)',
  );
  assert.equal(html, '<p><a>x</a> y alert(1) <a href="https://ok.example">ok</a></p>');
});

test('markdown too deep or too large to render in bounded time is shown as escaped plain text', () => {
  // each took from seconds to minutes (or overflowed the stack) in the renderer, on the bridge's event loop
  const hostile = [
    Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- <b>x</b>`).join('\n'),
    `${'> '.repeat(5000)}<b>x</b>`,
    `${'- '.repeat(200)}<b>x</b>`,
    '[a]('.repeat(MAX_MARKDOWN_CHARS / 4 + 1),
  ];
  for (const md of hostile) {
    for (const html of [renderMarkdown(md), renderPreview(md)]) {
      assert.ok(html.startsWith('<pre>') && html.endsWith('</pre>'), html.slice(0, 80));
      assert.ok(!html.includes('<b>'));
    }
  }
  // ordinary nesting and a long ordinary line are still markdown
  assert.match(renderMarkdown(`${'> '.repeat(20)}quote\n\n${'x '.repeat(10_000)}`), /^<blockquote>/);
});
