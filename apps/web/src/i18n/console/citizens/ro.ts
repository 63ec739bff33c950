import type { Shape } from '../../shape.ts';
import type { citizensEn } from './en.ts';

export const citizensRo = {
  citizenPage: {
    backToCase: 'Înapoi la dosar', contact: 'Date de contact', kind: { person: 'Persoană fizică', organisation: 'Persoană juridică' },
    notFound: 'Acest cetățean nu există.', merged: 'Această înregistrare a fost unită cu alta.', openKept: 'Deschide înregistrarea păstrată',
    cases: 'Cereri', noCases: 'Nicio cerere pe care o puteți vedea.', moreCases: 'Arată mai multe cereri', number: 'Număr', subject: 'Subiect', status: 'Stare', registered: 'Înregistrată',
    messages: {
      title: 'Mesaje trimise', intro: 'Toate mesajele trimise acestui cetățean și cele despre cererile sale pe care le puteți vedea, cele mai noi primele. Citirea lor este înscrisă în jurnalul de audit.',
      case: 'Cerere', showText: 'Arată textul', hideText: 'Ascunde textul', showTextOf: 'Arată textul mesajului din {{when}}', hideTextOf: 'Ascunde textul mesajului din {{when}}',
      withheld: 'Un cod unic de autentificare sau de verificare: textul lui nu este arătat niciodată personalului.',
    },
  },
} satisfies Shape<typeof citizensEn>;
