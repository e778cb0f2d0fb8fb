package ocr

import (
	"slices"
	"strings"
)

// languageNames are Tesseract's language codes for the languages a loan
// officer may meet, by the name people call them.
var languageNames = map[string]string{
	"eng": "English", "spa": "Spanish", "fra": "French", "deu": "German", "ita": "Italian",
	"por": "Portuguese", "nld": "Dutch", "pol": "Polish", "rus": "Russian", "ukr": "Ukrainian",
	"chi_sim": "Chinese (simplified)", "chi_tra": "Chinese (traditional)", "jpn": "Japanese",
	"kor": "Korean", "vie": "Vietnamese", "tgl": "Tagalog", "ara": "Arabic", "heb": "Hebrew",
	"hin": "Hindi", "tur": "Turkish", "ell": "Greek", "swe": "Swedish", "nor": "Norwegian",
	"dan": "Danish", "fin": "Finnish", "ces": "Czech", "hun": "Hungarian", "ron": "Romanian",
	"hat": "Haitian Creole", "fas": "Persian", "urd": "Urdu", "ben": "Bengali", "pan": "Punjabi",
	"guj": "Gujarati", "tam": "Tamil", "tel": "Telugu", "tha": "Thai", "ind": "Indonesian",
	"msa": "Malay", "khm": "Khmer", "lao": "Lao", "hye": "Armenian", "kat": "Georgian",
}

// LanguageLabel names a Tesseract language: "Spanish (spa)", or the code.
func LanguageLabel(code string) string {
	if n, ok := languageNames[code]; ok {
		return n + " (" + code + ")"
	}
	return code
}

// ReadingLanguages are the installed languages a page can be read in, as
// labels sorted by name: Tesseract's "osd" (orientation and script
// detection) and "equ" (equations) data are not languages.
func ReadingLanguages(codes []string) []string {
	var out []string
	for _, c := range codes {
		if c == "osd" || c == "equ" || c == "" {
			continue
		}
		out = append(out, LanguageLabel(c))
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

// LanguageCode reads the code back from a label.
func LanguageCode(label string) string {
	if i := strings.LastIndex(label, "("); i >= 0 && strings.HasSuffix(label, ")") {
		return label[i+1 : len(label)-1]
	}
	return label
}
