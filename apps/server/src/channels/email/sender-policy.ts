/**
 * Optional sender lists for the SMTP listener. An entry is an address (`ana@example.ro`), a domain
 * (`example.ro` or `@example.ro`) or a domain with its subdomains (`*.example.ro`). The deny list
 * wins; a non-empty allow list admits only what it names. The null return path (bounces) is not
 * an address and is never refused here: it is recorded and ignored, so it cannot loop.
 */
export interface SenderPolicy {
  allows(address: string): boolean;
}

function matches(entry: string, address: string): boolean {
  const at = address.lastIndexOf('@');
  const domain = at >= 0 ? address.slice(at + 1) : address;
  if (entry.startsWith('*.')) return domain === entry.slice(2) || domain.endsWith(entry.slice(1));
  if (entry.startsWith('@')) return domain === entry.slice(1);
  if (entry.includes('@')) return address === entry;
  return domain === entry;
}

export function createSenderPolicy(lists: { allow: string[]; deny: string[] }): SenderPolicy {
  const allow = lists.allow.map((e) => e.toLowerCase());
  const deny = lists.deny.map((e) => e.toLowerCase());
  return {
    allows(address) {
      const a = address.trim().toLowerCase();
      if (a === '') return true;
      if (deny.some((e) => matches(e, a))) return false;
      return allow.length === 0 || allow.some((e) => matches(e, a));
    },
  };
}
