// Who the console belongs to: shown in the header and in every page title. The brand colour is
// $council-brand-colour in styles/app.scss. A council changes these two places.
export const COUNCIL_NAME = 'Example Council';
export const SERVICE_NAME = 'Contact console';
