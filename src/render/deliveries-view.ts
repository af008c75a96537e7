/**
 * The "Delivered" section of the web page: each delivery of the letter (deliveries.yaml) and
 * what came back, in words of the page's language (English, French, Spanish; English words
 * for others, dates still in the language). Pure.
 */
import type { Delivery } from '../letter/deliveries.js';

/** One delivery as the page shows it: a sentence, and one per response (with its link, or null). */
export interface DeliveryView {
  text: string;
  responses: { text: string; link: string | null }[];
}

/** The section: its heading and the deliveries, oldest first; null when there is none. */
export interface DeliveriesView {
  heading: string;
  items: DeliveryView[];
}

interface Words {
  heading: string;
  delivered: (to: string, day: string, count: string) => string;
  acknowledged: string;
  responded: string;
  followUp: string;
}

const WORDS: Record<string, Words> = {
  en: {
    heading: 'Delivered',
    delivered: (to, day, n) => `To ${to} on ${day}, with ${n} signatures.`,
    acknowledged: 'Acknowledged on',
    responded: 'Responded on',
    followUp: 'Follow-up due on',
  },
  fr: {
    heading: 'Remise',
    delivered: (to, day, n) => `À ${to} le ${day}, avec ${n} signatures.`,
    acknowledged: 'Accusé de réception le',
    responded: 'Réponse le',
    followUp: 'Relance prévue le',
  },
  es: {
    heading: 'Entregada',
    delivered: (to, day, n) => `A ${to} el ${day}, con ${n} firmas.`,
    acknowledged: 'Acuse de recibo el',
    responded: 'Respuesta el',
    followUp: 'Seguimiento previsto el',
  },
};

/**
 * The section for `deliveries` in language `lang`, `day` formatting an ISO date or timestamp
 * as the page does, `number` a count; null when there is no delivery.
 */
export function deliveriesView(
  deliveries: readonly Delivery[] | undefined,
  lang: string,
  day: (iso: string) => string,
  number: (n: number) => string,
): DeliveriesView | null {
  if (!deliveries || deliveries.length === 0) return null;
  const w = WORDS[lang.split('-')[0]!] ?? WORDS.en!;
  const kind = { acknowledged: w.acknowledged, responded: w.responded, 'follow-up': w.followUp };
  return {
    heading: w.heading,
    items: deliveries.map((d) => ({
      text: w.delivered(d.to, day(d.delivered_at), number(d.count)),
      responses: d.responses.map((r) => ({
        text: `${kind[r.kind]} ${day(r.on)}${r.note ? `: ${r.note}` : '.'}`,
        link: r.link ?? null,
      })),
    })),
  };
}
