import type { Language } from '@civicline/contracts';
import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router';
import { portalApi, type PublicInstitutionT } from '../../api/portal.ts';

export interface PortalContext {
  slug: string;
  lang: Language;
  institution: PublicInstitutionT;
}

export const usePortal = () => useOutletContext<PortalContext>();

export const useInstitution = (slug: string, lang: Language) =>
  useQuery({ queryKey: ['institution', slug, lang], queryFn: () => portalApi.institution(slug, lang), staleTime: 5 * 60_000 });
