"""Relevance: in each language, a reader's words find the page they are after among the first three.

Loads each language's built index with lunr.py and runs the query as the browser
does (whrdkb.core.search.query.search; tests/test_search.py checks the browser gives the
same results). Expected pages are paths below the language's folder ("" is its home).
Where a language's pages are still shown in English, its queries use the words of
its translated parts (titles, interface, home and safety pages).

SENTENCES are what a defender in a crisis types, in her own words: whole sentences, whose
common words (stop words) must not decide, and whose words the page may not use (the
maintainers' `keywords:` in the data bridge these).
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PREFIX, index_file, result_path
from whrdkb.core.search.query import Searcher
from whrdkb.core.search.script import read_index_script

QUERIES = {
    "en": [
        ("safe house", "pathways/physical-danger/shelter-region/"),
        ("visa", "pathways/physical-danger/relocate-abroad/"),
        ("trauma", "pathways/stress-trauma/"),
        ("hearing", "pathways/mission-arrest/hearing/"),
        ("bank account frozen", "pathways/funding-cut/"),
        ("shelter", "directory/kind-shelter/"),
        ("temporary relocation", "directory/kind-temporary-relocation/"),
        ("digital security", "directory/kind-digital-security-help/"),
        ("legal aid", "directory/kind-legal-aid/"),
        ("lawyer", "pathways/arrest-trial/legal/"),  # the outcome about lawyers
        ("emergency grant", "directory/kind-emergency-grant/"),
        ("24/7 helpline", "directory/kind-emergency-line/"),
        ("psychosocial", "directory/kind-psychosocial-support/"),
        ("quick exit", "safety/"),
        ("clear browser history", "safety/"),
        ("checksum", "downloads/"),
        ("Nepal", "directory/area-np/"),
        ("Kenya", "directory/area-ke/"),
        ("indigenous", "recommendations/3-1/"),
        ("arrested", "pathways/mission-arrest/"),
        ("donor restrictions", "recommendations/2-1/"),
        ("documenting attacks", "pathways/document-attack/record/"),
        ("embassy far away", "recommendations/3-5/"),
        ("Front Line Defenders", "directory/front-line-defenders/"),
        ("hacked account", "pathways/online-attack/device/"),
        ("trial observers", "pathways/arrest-trial/observers/"),
    ],
    "fr": [
        ("maison sûre", "directory/kind-shelter/"),
        ("traumatisme", "pathways/stress-trauma/"),
        ("audience", "pathways/mission-arrest/hearing/"),
        ("compte bancaire gelé", "pathways/funding-cut/"),
        ("relocalisation temporaire", "directory/kind-temporary-relocation/"),
        ("sécurité numérique", "directory/kind-digital-security-help/"),
        ("securite numerique", "directory/kind-digital-security-help/"),  # typed without accents
        ("aide juridique", "directory/kind-legal-aid/"),
        ("avocat", "pathways/arrest-trial/legal/"),  # the step about lawyers; national legal aid entries come first
        ("subvention d'urgence", "directory/kind-emergency-grant/"),
        ("psychosocial", "directory/kind-psychosocial-support/"),
        ("historique du navigateur", "safety/"),
        ("copie hors ligne", "downloads/"),
        ("empreinte", "downloads/"),
        ("Népal", "directory/area-np/"),
        ("Kenya", "directory/area-ke/"),
        ("autochtones", "recommendations/3-1/"),
        ("arrestation", "pathways/mission-arrest/detained/"),
        ("ambassade", "recommendations/3-5/"),
        ("accompagnement protecteur", "directory/kind-protective-accompaniment/"),
        ("compte piraté", "pathways/online-attack/device/"),
        ("observateurs du procès", "pathways/arrest-trial/observers/"),
        ("restrictions des donateurs", "recommendations/2-1/"),
    ],
    "es": [
        ("refugio", "directory/kind-shelter/"),
        ("reubicación temporal", "directory/kind-temporary-relocation/"),
        ("seguridad digital", "directory/kind-digital-security-help/"),
        ("asistencia jurídica", "directory/kind-legal-aid/"),
        ("asistencia juridica", "directory/kind-legal-aid/"),
        ("subvención de emergencia", "directory/kind-emergency-grant/"),
        ("línea de emergencia", "directory/kind-emergency-line/"),
        ("psicosocial", "directory/kind-psychosocial-support/"),
        ("historial del navegador", "safety/"),
        ("salida rápida", "safety/"),
        ("copia sin conexión", "downloads/"),
        ("Nepal", "directory/area-np/"),
        ("Kenia", "directory/area-ke/"),
        ("estrés y trauma", "recommendations/1-2/"),
        ("acoso en línea", "recommendations/1-3/"),
        ("restricciones financieras", "recommendations/2-1/"),
        ("detenciones", "recommendations/2-6/"),
        ("embajadas", "recommendations/3-5/"),
        ("indígenas", "recommendations/3-1/"),
        ("red de pares", "directory/kind-peer-network/"),
        ("llamamientos urgentes", "directory/kind-urgent-appeals/"),
        ("autocensura", "recommendations/2-4/"),
        ("agresores impunes", "recommendations/2-7/"),
    ],
    "ar": [
        ("مأوى", "directory/kind-shelter/"),
        ("النقل المؤقت", "directory/kind-temporary-relocation/"),
        ("الأمان الرقمي", "directory/kind-digital-security-help/"),
        ("مساعدة قانونية", "directory/kind-legal-aid/"),
        ("منحة طارئة", "directory/kind-emergency-grant/"),
        ("خط طوارئ", "directory/kind-emergency-line/"),
        ("الدعم النفسي", "directory/kind-psychosocial-support/"),
        ("سجل المتصفح", "safety/"),
        ("المغادرة السريعة", "safety/"),
        ("نسخة دون اتصال", "downloads/"),
        ("بصمة", "downloads/"),
        ("نيبال", "directory/area-np/"),
        ("كينيا", "directory/area-ke/"),
        ("الصدمة", "recommendations/1-2/"),
        ("التحرش", "recommendations/1-3/"),
        ("القيود المالية", "recommendations/2-1/"),
        ("الاعتقالات", "recommendations/2-6/"),
        ("سفارات", "recommendations/3-5/"),
        ("الشعوب الأصلية", "recommendations/3-1/"),
        ("شبكة الأقران", "directory/kind-peer-network/"),
        ("النداءات العاجلة", "directory/kind-urgent-appeals/"),
        ("الرقابة الذاتية", "recommendations/2-4/"),
        ("الجناة", "recommendations/2-7/"),
    ],
    "ne": [
        ("आश्रय", "directory/kind-shelter/"),
        ("अस्थायी स्थानान्तरण", "directory/kind-temporary-relocation/"),
        ("डिजिटल सुरक्षा", "directory/kind-digital-security-help/"),
        ("कानुनी सहायता", "directory/kind-legal-aid/"),
        ("आपतकालीन अनुदान", "directory/kind-emergency-grant/"),
        ("आपतकालीन लाइन", "directory/kind-emergency-line/"),
        ("मनोसामाजिक", "directory/kind-psychosocial-support/"),
        ("इतिहास", "safety/"),
        ("छिटो बाहिरिने", "safety/"),
        ("अफलाइन प्रतिलिपि", "downloads/"),
        ("चेकसम", "downloads/"),
        ("नेपाल", "directory/area-np/"),
        ("केन्या", "directory/area-ke/"),
        ("आघात", "recommendations/1-2/"),
        ("दुर्व्यवहार", "recommendations/1-3/"),
        ("आर्थिक प्रतिबन्ध", "recommendations/2-1/"),
        ("गिरफ्तारी", "recommendations/2-6/"),
        ("दूतावास", "recommendations/3-5/"),
        ("आदिवासी", "recommendations/3-1/"),
        ("संरक्षणात्मक साथ", "directory/kind-protective-accompaniment/"),
        ("समकक्षी सञ्जाल", "directory/kind-peer-network/"),
        ("तत्काल अपिल", "directory/kind-urgent-appeals/"),
        ("दोषी", "recommendations/2-7/"),
    ],
}


SENTENCES = {
    "en": [
        ("my phone was hacked", "pathways/online-attack/device/"),
        ("I was arrested", "pathways/arrest-trial/"),
        ("I need money urgently", "pathways/funding-cut/safety-grant/"),
        ("I can't sleep, I am exhausted", "pathways/stress-trauma/"),
        ("someone is following me and I am afraid", "pathways/physical-danger/"),
        ("I have to leave my country", "pathways/physical-danger/relocate-abroad/"),
        ("they threaten me on social media", "pathways/online-attack/harassment/"),
    ],
    "fr": [
        ("mon téléphone est piraté", "pathways/online-attack/device/"),
        ("j'ai été arrêtée", "pathways/arrest-trial/"),
        ("j'ai besoin d'argent en urgence", "pathways/funding-cut/safety-grant/"),
        ("je n'arrive pas à dormir, je suis épuisée", "pathways/stress-trauma/"),
        ("quelqu'un me suit et j'ai peur", "pathways/physical-danger/"),
        ("je dois quitter mon pays", "pathways/physical-danger/relocate-abroad/"),
        ("on me menace sur les réseaux sociaux", "pathways/online-attack/harassment/"),
    ],
    "es": [
        ("me hackearon el teléfono", "pathways/online-attack/device/"),
        ("me arrestaron", "pathways/arrest-trial/"),
        ("necesito dinero urgente", "pathways/funding-cut/safety-grant/"),
        ("no puedo dormir, estoy agotada", "pathways/stress-trauma/"),
        ("alguien me sigue y tengo miedo", "pathways/physical-danger/"),
        ("tengo que salir de mi país", "pathways/physical-danger/relocate-abroad/"),
        ("me amenazan en las redes sociales", "pathways/online-attack/harassment/"),
    ],
    "ar": [
        ("تم اختراق هاتفي", "pathways/online-attack/device/"),
        ("تم اعتقالي", "pathways/arrest-trial/"),
        ("أحتاج إلى المال بشكل عاجل", "pathways/funding-cut/safety-grant/"),
        ("لا أستطيع النوم، أنا منهكة", "pathways/stress-trauma/"),
        ("شخص يلاحقني وأنا خائفة", "pathways/physical-danger/"),
        ("يجب أن أغادر بلدي", "pathways/physical-danger/relocate-abroad/"),
        ("يهددونني على وسائل التواصل الاجتماعي", "pathways/online-attack/harassment/"),
    ],
    "ne": [
        ("मेरो फोन ह्याक भयो", "pathways/online-attack/device/"),
        ("मलाई पक्राउ गरियो", "pathways/arrest-trial/"),
        ("मलाई तुरुन्त पैसा चाहियो", "pathways/funding-cut/safety-grant/"),
        ("म सुत्न सक्दिन, म थाकेकी छु", "pathways/stress-trauma/"),
        ("कसैले मलाई पछ्याइरहेको छ, मलाई डर लाग्छ", "pathways/physical-danger/"),
        ("मैले देश छोड्नुपर्छ", "pathways/physical-danger/relocate-abroad/"),
        ("मलाई सामाजिक सञ्जालमा धम्की दिइन्छ", "pathways/online-attack/harassment/"),
    ],
}


@pytest.fixture(scope="module")
def indexes(built_site):
    return {language: Searcher(read_index_script(index_file(built_site, language))) for language in LANGUAGES}


def test_every_language_has_at_least_twenty_queries_and_five_sentences():
    assert set(QUERIES) == set(SENTENCES) == set(LANGUAGES)
    assert all(len(queries) >= 20 for queries in QUERIES.values())
    assert all(len(sentences) >= 5 for sentences in SENTENCES.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("suite", [QUERIES, SENTENCES], ids=["words", "sentences"])
def test_the_expected_page_is_in_the_first_three(indexes, language, suite):
    misses = []
    for query, expected in suite[language]:
        urls = [result_path(language, r["url"]) for r in indexes[language].search(query, limit=3)]
        if PREFIX[language] + expected not in urls:
            misses.append((query, expected, urls))
    assert misses == []
