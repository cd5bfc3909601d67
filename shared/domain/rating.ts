// Satisfaction: after a case is resolved the resident is asked how it went (1-5), and their answer
// is kept against the case and counted in the measures.

/** Left by a service team's resolve: we asked this resident to rate how the case went. */
export interface RatingAsked {
  reference: string;
  serviceId: string;
  teamId: string;
}

/** A resident's rating of a resolved case, kept against the case (and counted in the measures). */
export interface Rating extends RatingAsked {
  rating: number;
  at: string;
  channel: 'sms';
}
