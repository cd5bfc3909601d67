// The council's catalogue as shipped: JSON files in this folder, validated once at load.
// services.json, teams.json, answers.json, lookups.json, templates.json, bin-rounds.json, calendar.json
// are the council's to edit; voice.json (the phone menu and its wording) is too, and the phone
// channel loads it (shared/channels/voice/script.ts).
import { buildCatalogue, type Catalogue } from '#domain/catalogue';
import type { RoutingModelData } from '#domain/routing-model';
import answers from './answers.json' with { type: 'json' };
import binRounds from './bin-rounds.json' with { type: 'json' };
import calendar from './calendar.json' with { type: 'json' };
import lookups from './lookups.json' with { type: 'json' };
import routingModel from './routing-model.json' with { type: 'json' };
import services from './services.json' with { type: 'json' };
import teams from './teams.json' with { type: 'json' };
import templates from './templates.json' with { type: 'json' };

export const CATALOGUE_VERSION = '2026.11.2';

/**
 * The learned routing model that ships with the catalogue (routing-model.json: hashed weights and
 * numbers, no resident's words), trained and promoted by `npm run routing:train` (docs/routing.md).
 */
export const catalogue: Catalogue = buildCatalogue(
  { version: CATALOGUE_VERSION, defaultServiceId: 'general-enquiry', teams, services, answers, lookups, templates, binRounds, calendar },
  {
    default: 'shared/catalogue/index.ts',
    teams: 'shared/catalogue/teams.json',
    services: 'shared/catalogue/services.json',
    answers: 'shared/catalogue/answers.json',
    lookups: 'shared/catalogue/lookups.json',
    templates: 'shared/catalogue/templates.json',
    binRounds: 'shared/catalogue/bin-rounds.json',
    calendar: 'shared/catalogue/calendar.json',
  },
);
/** The shipped routing model (also catalogue.routingModel): what a retrained candidate must beat. */
export const shippedRoutingModel = routingModel as RoutingModelData;
catalogue.routingModel = shippedRoutingModel;

