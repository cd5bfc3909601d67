// The council's catalogue as shipped: JSON files in this folder, validated once at load.
import { buildCatalogue } from '#domain/catalogue';
import services from './services.json' with { type: 'json' };
import teams from './teams.json' with { type: 'json' };

export const CATALOGUE_VERSION = '2026.11.1';

export const catalogue = buildCatalogue(
  { version: CATALOGUE_VERSION, defaultServiceId: 'general-enquiry', teams, services },
  'shared/catalogue',
);
