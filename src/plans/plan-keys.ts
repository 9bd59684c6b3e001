const MAX_KEY_LENGTH = 60;

/** Lowercase ASCII slug; keys built from titles must survive copy/paste into YAML and chat commands. */
export function slugify(text: string, fallback = 'item'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_KEY_LENGTH)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

/** Hands out keys that are unique within one plan, suffixing `-2`, `-3` in document order. */
export class KeyAllocator {
  private readonly used = new Set<string>();

  has(key: string): boolean {
    return this.used.has(key);
  }

  claim(key: string): void {
    this.used.add(key);
  }

  unique(base: string): string {
    let key = base;
    for (let n = 2; this.used.has(key); n += 1) key = `${base}-${n}`;
    this.used.add(key);
    return key;
  }
}
