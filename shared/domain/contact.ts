// A contact from any channel, normalised to one shape before it is routed.
export const CHANNELS = ['web', 'phone', 'sms', 'face_to_face', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface ResidentDetails {
  name?: string;
  /** E.164, e.g. +447700900123. */
  phone?: string;
  /** Lower-cased. */
  email?: string;
  address?: string;
}

/** A contact a CSN adviser recorded on the resident's behalf (face to face, or a call they took). */
export interface AdviserAction {
  adviserId: string;
  /** The Customer Service Centre, for face-to-face contacts. */
  centre?: string;
  /** Why the adviser chose a different service from the routing suggestion. */
  overrideReason?: string;
  /** Set when the adviser dealt with it there and then: what they did. */
  resolvedNote?: string;
}

export interface Contact {
  id: string;
  channel: Channel;
  /** The channel's own id for this submission (MessageSid, CallSid, Idempotency-Key...). */
  providerId: string;
  receivedAt: string;
  text: string;
  /** A service the resident chose (web forms, keypad menus, advisers); routing trusts it. */
  serviceId?: string;
  resident: ResidentDetails;
  location?: GeoPoint;
  /** Details the service needs, by the catalogue's requiredDetails ids (e.g. "bin-type"). */
  details?: Record<string, string>;
  takenBy?: AdviserAction;
}
