// Free text -> ranked services with confidences, from the catalogue's words and examples.
import type { Catalogue, ServiceArea } from './catalogue.ts';

export interface ServiceMatch {
  serviceId: string;
  area: ServiceArea;
  /** 0..1 */
  confidence: number;
}

export interface Classification {
  /** Ranked best first; empty when nothing in the catalogue matched. */
  matches: ServiceMatch[];
}

/** A first cut: counts catalogue words found in the text. The routing issue replaces it. */
export function classify(text: string, catalogue: Catalogue): Classification {
  const lower = text.toLowerCase();
  const scored = catalogue.services
    .map((service) => ({ service, hits: service.words.filter((word) => lower.includes(word.toLowerCase())).length }))
    .filter(({ hits }) => hits > 0)
    .sort((a, b) => b.hits - a.hits);
  const total = scored.reduce((sum, { hits }) => sum + hits, 0);
  return {
    matches: scored.map(({ service, hits }) => ({
      serviceId: service.id,
      area: service.area,
      confidence: hits / total,
    })),
  };
}
