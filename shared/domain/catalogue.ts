// The council's catalogue: services, the teams that own them. Data, validated when loaded.
import { z } from './schema.ts';

export const SERVICE_AREAS = [
  'waste',
  'street-cleansing',
  'roads',
  'street-lighting',
  'traffic',
  'drainage',
  'trees-parks',
  'parking',
  'environmental-health',
  'housing',
  'council-tax-benefits',
  'planning-building',
  'social-care',
  'licensing',
  'registration',
  'general',
] as const;

const slug = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'));

export const TeamSchema = z.strictObject({
  id: slug,
  name: z.string().check(z.minLength(1)),
  directorate: z.string().check(z.minLength(1)),
  escalationContact: z.string().check(z.minLength(3)),
});

export const ServiceSchema = z.strictObject({
  id: slug,
  name: z.string().check(z.minLength(1)),
  lgsl: z.int().check(z.positive()),
  area: z.enum(SERVICE_AREAS),
  teamId: slug,
  words: z.array(z.string().check(z.minLength(2))),
  examples: z.array(z.string().check(z.minLength(3))),
});

export const CatalogueSchema = z.strictObject({
  version: z.string().check(z.minLength(1)),
  defaultServiceId: slug,
  teams: z.array(TeamSchema).check(z.minLength(1)),
  services: z.array(ServiceSchema).check(z.minLength(1)),
});

export type Team = z.infer<typeof TeamSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type ServiceArea = (typeof SERVICE_AREAS)[number];
export type CatalogueData = z.infer<typeof CatalogueSchema>;

export interface Catalogue extends CatalogueData {
  service(id: string): Service | undefined;
  team(id: string): Team;
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** Validates catalogue data and its cross-references; the message names the entry and field. */
export function buildCatalogue(data: unknown, source = 'catalogue'): Catalogue {
  const parsed = CatalogueSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CatalogueError(`${source}: ${describePath(data, issue.path)}: ${issue.message}`);
  }
  const catalogue = parsed.data;
  const teams = new Map(catalogue.teams.map((t) => [t.id, t]));
  const services = new Map<string, Service>();
  for (const service of catalogue.services) {
    if (services.has(service.id)) throw new CatalogueError(`${source}: service '${service.id}' is defined twice`);
    if (!teams.has(service.teamId)) {
      throw new CatalogueError(`${source}: service '${service.id}' field teamId: no team '${service.teamId}'`);
    }
    services.set(service.id, service);
  }
  if (!services.has(catalogue.defaultServiceId)) {
    throw new CatalogueError(`${source}: defaultServiceId '${catalogue.defaultServiceId}' is not a service`);
  }
  return {
    ...catalogue,
    service: (id) => services.get(id),
    team: (id) => {
      const team = teams.get(id);
      if (!team) throw new CatalogueError(`no team '${id}'`);
      return team;
    },
  };
}

// "services[3] (id 'missed-bin') field lgsl" reads better than "services.3.lgsl".
function describePath(data: unknown, path: PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      const id = (node as unknown[] | undefined)?.[key] as { id?: unknown } | undefined;
      parts.push(typeof id?.id === 'string' ? `[${key}] (id '${id.id}')` : `[${key}]`);
    } else {
      parts.push(parts.length ? ` field ${String(key)}` : String(key));
    }
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
  }
  return parts.join('') || '(root)';
}
