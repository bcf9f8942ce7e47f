import { describe, expect, it } from 'vitest';
import { preclean } from '../../shared/extract/preclean.js';

const clean = (html: string): string => preclean(html).html;

describe('preclean', () => {
  it('removes script, style, svg, noscript, template and comments, keeping the text around them', () => {
    const html =
      '<p>one</p><script>var a = 1;</script><style>p{color:red}</style><p>two</p>' +
      '<svg viewBox="0 0 1 1"><title>icon</title><path d="M0"/></svg><noscript><p>enable js</p></noscript>' +
      '<template><p>card</p></template><!-- a comment --><p>three</p>';
    expect(clean(html)).toBe('<p>one</p><p>two</p><p>three</p>');
  });

  it('leaves a page without such elements byte for byte as it was', () => {
    const html = '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><p class="x">a &amp; b</p></body></html>';
    expect(clean(html)).toBe(html);
  });

  it('returns JSON-LD contents, read before the scripts are removed', () => {
    const ld = '{"@type":"NewsArticle","headline":"H"}';
    const r = preclean(`<head><script type="application/ld+json">${ld}</script><script>x()</script></head>`);
    expect(r.jsonLd).toEqual([ld]);
    expect(r.html).toBe('<head></head>');
  });

  it('recognises the JSON-LD type in any case, quoting and spacing', () => {
    const r = preclean(
      `<script TYPE = 'Application/LD+JSON '>{"a":1}</script><script type=application/ld+json>{"b":2}</script>` +
        '<script type="text/javascript">{"c":3}</script>',
    );
    expect(r.jsonLd).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('can keep JSON-LD scripts in place for Readability, still returning their contents', () => {
    const html = '<script type="application/ld+json">{"a":1}</script><script>x()</script><p>t</p>';
    const r = preclean(html, { keepJsonLd: true });
    expect(r.html).toBe('<script type="application/ld+json">{"a":1}</script><p>t</p>');
    expect(r.jsonLd).toEqual(['{"a":1}']);
  });

  it('ends a script only at a real </script> end tag, as the HTML tokenizer does', () => {
    const html =
      '<script>var a = "</scripts are fun"; var b = "<\\/script>"; var c = "</script-x>";</script><p>after</p>';
    expect(clean(html)).toBe('<p>after</p>');
  });

  it('ends a script at </script> inside a JS string, like a browser (the rest is page text)', () => {
    expect(clean('<script>var s = "</script>";</script><p>t</p>')).toBe('";<p>t</p>');
  });

  it('handles the legacy <!-- document.write("<script>...</script>") --> escape', () => {
    const html =
      '<script><!--\ndocument.write("<script>var inner = 1;</script>");\nvar outer = 2;\n//--></script><p>after</p>';
    expect(clean(html)).toBe('<p>after</p>');
  });

  it('matches tag names in any case and end tags with spaces', () => {
    expect(clean('<SCRIPT>x</Script ><STYLE>y</style\n><p>t</p>')).toBe('<p>t</p>');
  });

  it('does not mistake text inside attribute values or raw-text elements for tags', () => {
    expect(clean('<div title="a > <script>">keep</div>')).toBe('<div title="a > <script>">keep</div>');
    expect(clean("<a data-x='<!--'>link</a><p>t</p>")).toBe("<a data-x='<!--'>link</a><p>t</p>");
    expect(clean('<title>How to use <script> tags</title><p>t</p>')).toBe('<title>How to use <script> tags</title><p>t</p>');
    expect(clean('<textarea><style>x</style></textarea>')).toBe('<textarea><style>x</style></textarea>');
  });

  it('runs an unclosed script, style or comment to the end of the page, like the parser', () => {
    expect(clean('<p>a</p><script>var x = 1;')).toBe('<p>a</p>');
    expect(clean('<p>a</p><style>p{')).toBe('<p>a</p>');
    expect(clean('<p>a</p><!-- never closed <p>b</p>')).toBe('<p>a</p>');
  });

  it('handles empty comments and bogus comments', () => {
    expect(clean('<p>a</p><!--><p>b</p><!---><p>c</p>')).toBe('<p>a</p><p>b</p><p>c</p>');
    expect(clean('<!DOCTYPE html><![CDATA[x]]><p>a</p>')).toBe('<!DOCTYPE html><![CDATA[x]]><p>a</p>');
  });

  it('treats <svg/> as self-closing and matches nested svg and template by depth', () => {
    expect(clean('<svg class="i"/><p>kept</p>')).toBe('<p>kept</p>');
    expect(clean('<svg><g><svg><rect/></svg><text>x</text></g></svg><p>kept</p>')).toBe('<p>kept</p>');
    expect(clean('<template><template>a</template>b</template><p>kept</p>')).toBe('<p>kept</p>');
  });

  it('ignores scripts inside a dropped svg when looking for its end', () => {
    expect(clean('<svg><script>var s = "</svg>";</script></svg><p>kept</p>')).toBe('<p>kept</p>');
  });

  it('drops stray end tags of dropped elements', () => {
    expect(clean('<p>a</p></svg></template><p>b</p>')).toBe('<p>a</p><p>b</p>');
  });

  it('drops further elements on request, but only when they are closed', () => {
    const opts = { alsoDrop: ['nav', 'aside'] };
    expect(preclean('<nav><ul><li><nav>x</nav></li></ul></nav><p>a</p><aside>b</aside>', opts).html).toBe('<p>a</p>');
    // An unclosed <nav> holds the rest of the page in a browser: keep it.
    expect(preclean('<nav><a href="/">Home</a><p>article text</p>', opts).html).toBe(
      '<nav><a href="/">Home</a><p>article text</p>',
    );
  });

  it('never throws and never grows its input, whatever it is given', () => {
    const pieces = ['<', '>', '</', 'script', 'style', 'svg', '<!--', '-->', '"', "'", '=', '/', ' ', 'a', 'p', '<p>', '\n', '<!', '</script', '<svg/>', 'template'];
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let n = 0; n < 2000; n++) {
      const html = Array.from({ length: Math.floor(rnd() * 40) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
      const r = preclean(html, { keepJsonLd: n % 2 === 0, alsoDrop: ['nav'] });
      expect(r.html.length).toBeLessThanOrEqual(html.length);
    }
    expect(preclean('').html).toBe('');
  });
});
