/**
 * The few words offprint itself prints around a document's text (the attribution's "By",
 * "Source:", "Image:", the abstract's label, the EPUB's "Contents" and "Notes"), in the document's
 * `lang`: a French report read "By" and "Image:" in English. Languages without a table here get
 * English. The words are those of pandoc's translations where pandoc has them (Abstract, Contents).
 */

import type { Theme } from './theme/load-theme.js'

/** Words around a document's own text, in one language. */
export interface Labels {
  /** Before the authors' names. */
  by: string
  /** Between the names of a list, and before the last one. */
  comma: string
  and: string
  source: string
  image: string
  abstract: string
  contents: string
  notes: string
  /** A note's link back to where it is referenced (read by screen readers), before the note's number. */
  back: string
}

const ENGLISH: Labels = { by: 'By', comma: ', ', and: ' and ', source: 'Source:', image: 'Image:', abstract: 'Abstract', contents: 'Contents', notes: 'Notes', back: 'Back to reference' }

/** By primary language subtag. French sets a no-break space before its colons. */
const LABELS: Record<string, Labels> = {
  en: ENGLISH,
  fr: { by: 'Par', comma: ', ', and: ' et ', source: 'Source\u00a0:', image: 'Image\u00a0:', abstract: 'Résumé', contents: 'Table des matières', notes: 'Notes', back: 'Retour à l’appel de note' },
  de: { by: 'Von', comma: ', ', and: ' und ', source: 'Quelle:', image: 'Bild:', abstract: 'Zusammenfassung', contents: 'Inhaltsverzeichnis', notes: 'Anmerkungen', back: 'Zurück zum Verweis' },
  es: { by: 'Por', comma: ', ', and: ' y ', source: 'Fuente:', image: 'Imagen:', abstract: 'Resumen', contents: 'Índice', notes: 'Notas', back: 'Volver a la referencia' },
  pt: { by: 'Por', comma: ', ', and: ' e ', source: 'Fonte:', image: 'Imagem:', abstract: 'Resumo', contents: 'Sumário', notes: 'Notas', back: 'Voltar à referência' },
  it: { by: 'Di', comma: ', ', and: ' e ', source: 'Fonte:', image: 'Immagine:', abstract: 'Sommario', contents: 'Indice', notes: 'Note', back: 'Torna al richiamo' },
  nl: { by: 'Door', comma: ', ', and: ' en ', source: 'Bron:', image: 'Afbeelding:', abstract: 'Samenvatting', contents: 'Inhoudsopgave', notes: 'Noten', back: 'Terug naar verwijzing' },
  // The conjunction و is written joined to the name after it.
  ar: { by: 'بقلم', comma: '، ', and: ' و', source: 'المصدر:', image: 'الصورة:', abstract: 'ملخص', contents: 'المحتويات', notes: 'الحواشي', back: 'العودة إلى الإحالة' },
}

/** The labels for a BCP 47 tag (`fr-CA` → French); English when offprint has none for it. */
export function labelsFor(lang: string): Labels {
  return LABELS[lang.toLowerCase().split('-')[0] ?? ''] ?? ENGLISH
}

/** The title of the contents (PDF page and EPUB nav): the theme's `toc_title_content` when it sets one, else the document language's word. */
export function contentsTitle(theme: Theme, lang: string): string {
  const themed = theme.values.toc_title_content
  return typeof themed === 'string' && themed.trim() !== '' ? themed : labelsFor(lang).contents
}

/** Names joined as the language lists them: `A and B`, `A, B and C`. */
export function joinNames(names: string[], labels: Labels): string {
  if (names.length <= 2) return names.join(labels.and)
  return `${names.slice(0, -1).join(labels.comma)}${labels.and}${names.at(-1)}`
}
