/**
 * The README and the docs/ pages link to each other and into the repository: every relative link
 * must point at a file that exists and every `#anchor` at a heading of the page it names, so that
 * moving or renaming a section fails CI instead of leaving a dead link. Anchors are GitHub's
 * heading slugs (lower case, punctuation dropped, spaces to hyphens, `-1`, `-2` for repeats).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The page's lines outside fenced code blocks. */
function prose(file: string): string[] {
  let fenced = false;
  return fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').filter((line) => {
    if (line.startsWith('```')) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** GitHub's anchors for the headings of a markdown file. */
export function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of prose(file)) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const base = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function linksOf(file: string): string[] {
  const links: string[] = [];
  for (const line of prose(file)) {
    // Inline code spans may contain "](": drop them first.
    const text = line.replace(/`[^`]*`/g, '');
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) links.push(match[1]);
  }
  return links.filter((link) => !/^[a-z]+:/i.test(link));
}

describe('documentation links', () => {
  test('the README stays one screen: at most 300 lines', () => {
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300);
  });

  test.each(PAGES)('%s: every relative link and anchor resolves', (page) => {
    const broken: string[] = [];
    for (const link of linksOf(page)) {
      const [target, anchor] = link.split('#');
      const file = target === '' ? page : path.normalize(path.join(path.dirname(page), target));
      if (!fs.existsSync(path.join(ROOT, file))) {
        broken.push(`${link} (no file ${file})`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor)) {
        broken.push(`${link} (no heading #${anchor} in ${file})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('every docs/ page is listed in the README', () => {
    const readmeLinks = new Set(linksOf('README.md').map((link) => link.split('#')[0]));
    const missing = PAGES.filter((page) => page.startsWith('docs/') && !readmeLinks.has(page));
    expect(missing).toEqual([]);
  });
});
